"""A labelled set of realistic check-in sentences for the risk-language screen.

Every sentence is synthetic, written for this set in the way clients write check-ins:
short, lower case or not, with typos and without punctuation. `risk` is the label a
clinician reviewing the check-in would give: does this text need someone to look at it
for suicide or self-harm risk? `kind` says what the sentence tests:

- explicit: an explicit statement of suicidal thoughts, a plan or intent (or an
  attempt). Every one must be caught (hazard: a risk statement in a check-in is not
  flagged).
- self_harm: self-harm, said plainly.
- indirect: hopelessness or a wish to be dead said indirectly; caught where the rules
  can, and the misses are documented.
- mixed: a risk statement beside something negated or ordinary.
- negated, third_person, hypothetical, idiom: risk words that are not a risk statement.
- everyday: an ordinary check-in.
"""

from typing import NamedTuple


class Sentence(NamedTuple):
    text: str
    risk: bool
    kind: str


def _many(kind: str, risk: bool, texts: str) -> list[Sentence]:
    return [Sentence(line.strip(), risk, kind) for line in texts.strip().splitlines()]


EXPLICIT = _many(
    "explicit",
    True,
    """
I want to kill myself.
i want to kill myself
I want to die.
i just want to die
I really want to die, I can't do this
Honestly I want to die
i wanna die
I've been thinking about killing myself every day this week.
I keep thinking about suicide.
I've had suicidal thoughts most nights.
Feeling suicidal again.
im suicidal
I am suicidal and I don't know what to do
i feel suicidal tonight
I'm having thoughts of ending my life.
I've been thinking about ending it all.
I want to end my life.
I want to end it all
i want to end it
I'm going to kill myself.
im gonna kill myself
I'm going to end it tonight.
I will kill myself if this carries on
I'm planning to take my own life.
I've decided to end my life.
I am ready to die.
I'm going to take an overdose tonight.
I'm going to overdose
I have a plan to kill myself.
I've got a plan for how to end it.
I know exactly how I would do it.
i know how id do it
I've been planning my suicide.
I've been stockpiling my pills.
I have been saving up my tablets for when I'm ready.
I bought a rope yesterday.
I looked up how to kill myself last night.
I googled how many paracetamol it would take to die.
I've written a suicide note.
This is goodbye. Thank you for trying.
Goodbye everyone, I'm sorry.
I won't be here tomorrow.
You won't hear from me again.
I've been giving away my things.
I've put my affairs in order.
I tried to kill myself on Saturday.
I took an overdose last night.
I took too many pills yesterday, I'm sorry.
I attempted to end my life last week.
I want to be dead.
I wish I was dead.
I wish I were dead.
i wish i could just die
I wish I had never been born.
I wish I hadn't woken up this morning.
I hope I don't wake up tomorrow.
I don't want to live anymore.
i dont want to live
I don't want to be alive.
i dont want to be here anymore
I don't want to wake up.
I can't go on like this.
cant go on anymore
I'm thinking of taking my own life.
Everyone would be better off if I was dead.
My family would be better off without me.
I'd be better off dead.
No one would care if I died.
There's no reason to live.
What's the point of living.
Life isn't worth living.
I'm done with life.
I'm tired of living.
I'm going to jump off the bridge.
im going to kill my self tonight
i want to kil myself
i want to die so bad
suicidal thoughts are back
suicdal again today
i feel like killing myself
I've been thinking about jumping in front of a train.
Honestly I've got the pills lined up and I'm going to take them all tonight.
""",
)

SELF_HARM = _many(
    "self_harm",
    True,
    """
I cut myself last night.
I've been cutting myself again.
i cut myself again
I self-harmed on Tuesday.
I relapsed and self harmed.
I've been hurting myself.
I hurt myself on purpose last night.
I burned myself with a lighter.
I've been burning myself.
I keep hitting myself when I get angry.
I punched myself in the face until it bruised.
I've had really strong urges to cut.
The urge to self-harm is really bad today.
I want to hurt myself.
i want to hurt myself so badly
I scratched myself until I bled.
I'm starving myself again.
self harm urges are back
I've been self-harming most days.
I harmed myself again.
I want to cut myself.
i feel like cutting myself
I hit myself again last night.
I'm scared I'll hurt myself.
Self-injury again on Sunday.
""",
)

INDIRECT = _many(
    "indirect",
    True,
    """
Everything feels pointless and I don't see a way forward.
I can't see any future for me.
I just want to disappear forever.
I want to go to sleep and never wake up.
Sometimes I wonder if everyone would be better off without me.
I feel like a burden to everyone.
What's the point in going on.
There's no point in being here.
I'm not sure I want to live anymore.
I don't know if I want to be alive.
I keep thinking about dying.
I've been thinking about not being here.
Nobody would notice if I was gone.
I'm done. I give up.
I just want it all to stop permanently.
I'm giving up on life.
I don't see myself being around much longer.
I wouldn't mind if I didn't wake up.
I'd rather not exist.
I keep thinking everyone would be happier without me.
Life isn't worth it anymore.
I can't keep going anymore.
I've been reading about ways to end it.
I sorted out who gets my cat.
It would be easier if I just wasn't here.
""",
)

MIXED = _many(
    "mixed",
    True,
    """
I'm not sleeping and I want to die.
im not ok i want to die
Not great. I keep thinking about killing myself.
I'm not coping, I want to end it all.
I don't know why but I want to die.
I'm not suicidal but I have been cutting again.
Work was fine but I still want to die.
I didn't sleep at all and I've been thinking about suicide.
I'm not going to lie, I've thought about killing myself this week.
Mood is low, stress high, no sleep, and I want to kill myself.
I can't stop thinking about killing myself.
My sister is worried and honestly I want to die.
I told my mum I'm fine but I feel suicidal.
I don't have anyone and I want to end my life.
""",
)

NEGATED = _many(
    "negated",
    False,
    """
I'm not suicidal.
im not suicidal just tired
I'm not feeling suicidal at all.
No thoughts of hurting myself this week.
I have no thoughts of suicide.
No suicidal thoughts.
I haven't had any suicidal thoughts since we last spoke.
I don't want to kill myself, I just want things to get better.
I don't want to die, I want to feel better.
I'm not going to hurt myself.
I haven't self-harmed for three months!
I haven't cut myself in a long time.
No self-harm this week.
I don't have any plans to kill myself.
I'm not thinking about suicide anymore.
I never wanted to die, I just wanted a break.
I'm not having any thoughts of suicide or self-harm.
No urges to self-harm.
I have not hurt myself.
I didn't hurt myself this week, which feels good.
Not suicidal, just low.
I don't feel suicidal anymore.
I do not want to end my life.
No thoughts of ending it.
I'm no longer having suicidal thoughts.
I won't hurt myself, I promise.
Without any thoughts of self-harm for weeks now.
I haven't thought about killing myself at all this week.
I'm not planning to take my own life.
I'm definitely not suicidal, please don't worry.
Zero suicidal thoughts today.
I deny any thoughts of self-harm.
I have no intention of killing myself.
Never had thoughts of suicide, just anxiety.
I don't want to hurt myself anymore and I haven't.
Not feeling like hurting myself this week.
I didn't have any urges to cut.
I'm not having thoughts of ending my life.
I'm not thinking about dying.
No plans to end it.
""",
)

THIRD_PERSON = _many(
    "third_person",
    False,
    """
My friend said she wants to die.
My brother tried to kill himself last year and I'm still angry.
My sister is suicidal and I'm really worried about her.
My mum used to self-harm when she was young.
My partner told me he feels suicidal sometimes.
A girl in my class cut herself and everyone is talking about it.
My friend's dad took his own life last month.
My cousin is in hospital after an overdose.
He said he wants to die and I didn't know what to say.
My daughter has been self-harming and I found out today.
Someone at work killed himself, it has shaken everyone.
She told me she's been having suicidal thoughts.
My neighbour said his wife wants to end it all.
My flatmate has been hurting herself and I don't know how to help.
My son says he wants to die when he loses at games.
They found out my uncle had been suicidal for years.
My friend is thinking about suicide and asked me not to tell anyone.
My grandad died by suicide when I was little.
My boyfriend said he'd kill himself if I left.
A character in the book I'm reading is suicidal.
My colleague's son attempted suicide.
My best friend wants to die and I feel helpless.
Her brother took an overdose.
My mum said she wishes she was dead, which scared me.
People at school used to say they wanted to die over exams.
""",
)

HYPOTHETICAL = _many(
    "hypothetical",
    False,
    """
If I ever felt suicidal I would call the crisis line.
If I start having thoughts of hurting myself I'll use my safety plan.
If I ever wanted to kill myself I would tell you.
In case I feel suicidal again I've saved the number.
If the urges to self-harm come back I'll text my sister.
If I felt like ending my life I know who to call.
We talked about what to do if I feel suicidal.
If I ever get the urge to cut I'll go for a walk.
Should I ever feel like hurting myself, I have the card.
I'd ring 988 if I ever felt like killing myself.
If things got that bad and I wanted to die, I'd go to A&E.
Hypothetically, if I were suicidal, what would happen?
If I had suicidal thoughts, would you have to tell anyone?
If I was going to hurt myself I'd tell my partner first.
I know what to do if thoughts of suicide come back.
If I ever thought about overdosing I would call you.
If the thoughts of dying return I'll use the plan.
If I feel like self-harming I'll hold ice instead.
In case I ever want to end it, my sister has the number.
If I get suicidal I will go to my mum's.
If I'm ever in danger of hurting myself I'll call 911.
Unless I feel suicidal I'll just see you Thursday.
If I want to hurt myself again I'll message the team.
Imagine if I told my boss I was suicidal, no way.
If I have thoughts of taking my own life I'll ring the crisis line.
""",
)

IDIOM = _many(
    "idiom",
    False,
    """
This job is killing me.
I could murder a pizza right now.
I'm dying to see the new film.
I nearly died laughing at the quiz.
My feet are killing me after the walk.
I'm bored to death in these meetings.
I was scared to death before the interview.
I could kill for a coffee.
I'm dead tired today.
I want to die of embarrassment after what I said at the party.
I killed it at my presentation!
I cut myself shaving this morning, ouch.
I burned myself on the oven, nothing serious.
I hurt myself at the gym.
We watched Suicide Squad on Saturday.
Work did a suicide prevention training day.
I'm just killing time before my shift.
The cake was to die for.
My phone died halfway through the call.
That deadline nearly killed me.
I'm killing myself at work for nothing.
I cut myself a slice of cake to celebrate.
My sister would kill me if she knew I'd skipped the gym.
I wanted the ground to swallow me up.
I'm dying for a holiday.
I laughed so hard I thought I'd die.
He's going to kill me when he sees the car.
The traffic was murder this morning.
We're doing a suicide awareness walk for charity.
I accidentally cut myself chopping onions.
I was killing myself laughing at the dog.
The battery is dead again.
The kids are driving me to an early grave.
I'd die for my kids.
I'm dying to tell you about my week.
""",
)

EVERYDAY = _many(
    "everyday",
    False,
    """
Slept better this week, about six hours most nights.
Feeling a bit low today but I went for a walk.
Stress is high because of exams.
Work has been really busy and I'm exhausted.
Had a good weekend with my sister.
Not much to report, pretty average week.
i didnt sleep well at all
Anxious about the appointment on Thursday.
My mood is better since I started the morning walks.
I had a panic attack on the bus on Monday.
Argued with my partner again, feeling rubbish.
Tired but okay.
I used the breathing exercise and it helped a bit.
can't sleep again, mind racing
I feel flat and unmotivated.
Went back to the gym today, proud of myself.
The new medication is making me sleepy.
I cried a lot this week but I'm getting through it.
Work stress is through the roof.
I feel lonely in the evenings.
Saw my friends on Saturday which was nice.
Struggling to get out of bed in the mornings.
i feel ok today
Had a rough day at work but talked to my mum.
I'm worried about money.
Sleep 4/10, mood 5, stress 8.
I drank less this week, only twice.
Feeling hopeful for the first time in a while.
I'm exhausted and overwhelmed.
The kids were sick so I didn't sleep much.
I've been eating better.
Nothing special, just tired.
Bit of a bad week, but coping.
Feeling really anxious about going back to work.
I managed to go to the shop on my own!
I had nightmares again.
My boss shouted at me and I felt awful all day.
I'm feeling much more like myself.
Low mood most days, no energy.
Stressed about the move next week.
I keep waking at 4am.
Had a lovely day at the beach.
I'm angry about how things went with my dad.
I want to sleep for a week.
I feel stuck.
The grief is hard this week, it's mum's birthday.
I want to quit my job.
i hate my life right now, everything is going wrong at work
I'm so done with this week.
I want everything to stop for a while so I can rest.
I feel like giving up on the course.
I just want to hide under the duvet.
I'm sick of feeling like this.
I can't take much more of this job.
I'm at the end of my rope with the landlord.
Could we talk about my sleep next session?
Please can we move Thursday's appointment?
Thanks for last session, it really helped.
I wrote a letter to my dad like we discussed.
I gave away my old clothes to charity.
I'm going to end it with my boyfriend.
I want to end it with him but I'm scared.
I have a plan for the weekend: rest and see friends.
I've been saving up for a holiday.
I took my pills as prescribed.
I forgot to take my tablets twice.
I looked up how to get to the new clinic.
I'm going to take the day off tomorrow.
I feel like I'm drowning in paperwork.
Goodbye for now, see you next week!
I won't be here next Thursday, I'm on holiday.
I don't want to go to the party.
I never want to see him again.
I don't want to be here, this waiting room is freezing.
I can't go on holiday this year, too expensive.
i dont want to wake up early tomorrow lol
nothing helps with the sleep
I'm tired of my job.
My mood is 3 today.
Feeling better after talking to you.
I'm worried I'm a burden at work.
I went to the crisis cafe for a chat, it was good.
I read a book about grief and it helped.
Stress is lower now the exams are over.
I want to disappear to a beach for a month.
I'm dead set on finishing the course.
I've been thinking about death a lot since grandma passed, mostly about her.
I want to feel alive again.
""",
)

# Sentences the rules are known to get wrong in the safe direction (flagged, but a
# clinician would not call them risk statements); kept so the figures stay honest.
HARD = _many(
    "hard",
    False,
    """
I'll kill myself if I eat another biscuit haha
I used to want to die but I don't anymore.
Watched a documentary about suicide last night and it was hard going.
Years ago I wanted to kill myself, and I'm glad I'm past it.
""",
)

SENTENCES: list[Sentence] = (
    EXPLICIT + SELF_HARM + INDIRECT + MIXED + NEGATED + THIRD_PERSON + HYPOTHETICAL + IDIOM
    + EVERYDAY + HARD
)  # fmt: skip
