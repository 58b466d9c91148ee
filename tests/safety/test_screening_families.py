"""Rule families of the risk-language screen (safety/screening.py) that other writers
use, in both languages, and the set-asides that keep ordinary talk quiet without hiding
risk. Each case is a family member, not a corpus sentence. The second reader is switched
off here so that what is asserted is the rules' own reading.

Hazards: H-089 (a risk message in free text is not flagged), H-090 (Spanish), H-092
(threats and danger under way), H-100 (a set-aside for work talk, quoted words or
laughter hides a real risk statement)."""

import pytest

from caseload.safety import screening
from caseload.safety.screening import screen


@pytest.fixture(autouse=True)
def rules_only(monkeypatch):
    monkeypatch.setattr(screening, "_second_reader", lambda text, norm, **_: [])


@pytest.mark.parametrize(
    "text",
    [
        "I don't deserve to eat after today, so I won't.",
        "No voy a comer hasta que baje dos kilos más.",
        "burned my wrist with a cigarette last night",
        "Me quemé con el mechero en el brazo.",
        "needed butterfly stitches this time",
        "hope a train hits me on the way home",
        "Ojalá un camión me lleve por delante.",
        "Counted them: 40 tablets in my drawer.",
        "Took 30 of the sertraline an hour ago.",
        "Me he tomado una caja entera de paracetamol.",
        "Signed the house over to my daughter. Nothing left for me to do now.",
        "I've rehomed the cat and sorted out who gets what.",
        "He won't be a problem for much longer.",
        "they are all going to pay.",
        "Ya van a ver el lunes en la oficina.",
        "The voices keep telling me to hurt my neighbour.",
        "He's been cleaning the rifle every time I mention leaving.",
        "Me dijo que si lo denuncio me mata.",
        "mi hija se fue con un señor que conoció por internet",
    ],
)
def test_h089_h090_h092_families_other_writers_use_are_flagged(text):
    assert screen(text).flagged, text


@pytest.mark.parametrize(
    "text",
    [
        "I'm a nurse and we had an overdose patient on the ward tonight.",
        "As a paramedic I take self-harm calls most shifts.",
        'My daughter said "I want to die" when the wifi went off.',
        'We had training on slang like "unalive" today.',
        "me quiero morir jajaja reprobé otra vez",
        "kms if this essay doesn't get a 2:1 lmao",
        "Bought rope at the hardware shop for the boat.",
        "Funeral is Saturday, I'll need to move our session.",
        "Estoy en el puente de la autopista en un atasco, llego tarde.",
    ],
)
def test_h100_ordinary_talk_is_set_aside(text):
    assert not screen(text).flagged, text


@pytest.mark.parametrize(
    "text",
    [
        # Work talk that names the writer is the writer's own.
        "I'm a nurse and I took an overdose of my patients' morphine.",
        "Came off shift and worked out my own lethal dose.",
        # Laughter taken back.
        "kms lol jk... unless",
        "me quiero morir jajaja. bueno no es tan jajaja, llevo semanas pensando en eso",
        # Laughter never sets aside intent, means or a threat.
        "going to take all my pills tonight lol",
        "I'm going to make sure that office remembers my name. Bring a vest, lol.",
        # The writer's own quoted thought is not someone else's words.
        'I keep thinking "I want to die" over and over.',
    ],
)
def test_h100_a_set_aside_never_hides_the_writers_own_risk(text):
    assert screen(text).flagged, text


@pytest.mark.parametrize(
    "text",
    [
        # Signs of an overdose or poisoning under way, the writer's or someone else's.
        "Finished the whole baggie an hour ago and my lips are going numb.",
        "My flatmate isn't breathing properly after he used.",
        "Mi primo se metió toda la bolsa y no despierta.",
        "my toddler drank some bleach from under the sink",
        "Mi hija se tomó unas pastillas de la abuela, no sé cuántas.",
        # Someone else at risk now; workers and children in danger.
        "My brother threatened to hang himself and he's in the garage right now.",
        "Her stepdad beats my little sister when their mum's out.",
        "El capataz nos tiene encerradas en la bodega.",
        # Means kept with a disclaimer, medication saved or stopped to let nature act.
        "Picked up some rope at the store. Not for the tent.",
        "He juntado mis pastillas de todo el mes.",
        "I've stopped my insulin. Let nature take its course.",
        # Therapy ended as a farewell; no reason to stay; the dead to be seen soon.
        "Today was my last session for me. Thanks for trying.",
        "No creo que llegue a fin de mes, la verdad.",
        "There's no reason left to stay now she's gone.",
        "Fui al cementerio y le prometí a mi papá que nos vemos pronto.",
        "If I OD, I OD. I stopped testing what I buy.",
        # Command voices and veiled threats in both languages.
        "The voices said my neighbour has to be dealt with tonight.",
        "Las voces me ordenan que le haga daño a mi madre con el cuchillo.",
        "That landlord is going to have an accident one of these days.",
        "Ese tipo va a amanecer en una zanja.",
        # Self-harm in other words; a joke taken back.
        "Pensé en chocar el carro contra un muro esta mañana.",
        "new cuts on my thigh since Tuesday",
        "lol kill me. no, I actually mean it this time",
    ],
)
def test_h089_h090_h092_families_from_three_more_writers_are_flagged(text):
    assert screen(text).flagged, text


@pytest.mark.parametrize(
    "text",
    [
        "I wanted to die (not literally) when the projector broke mid-talk.",
        "Quería morirme (no literal) cuando se me cayó el café en la reunión.",
        "I could murder my manager, figuratively speaking, for that rota.",
        "The 'what if I stab my partner' thought came again. Named it as OCD, kept cooking.",
        "As a hospice nurse I talk about death every day.",
        "I want to die at home when the time comes, not in a ward.",
        "Estoy en paz con morir cuando Dios lo disponga.",
        "When I was 17 I took an overdose. I'm 52 now and I can say it calmly.",
    ],
)
def test_h100_figures_of_speech_intrusive_thoughts_work_and_natural_death_are_set_aside(text):
    assert not screen(text).flagged, text


@pytest.mark.parametrize(
    "text",
    [
        # Taken back: a figure of speech that is not one.
        "I want to die, not literally they said, but I'm not joking.",
        # An intrusive thought named as OCD, and risk said in another sentence.
        "My therapist says the bridge thoughts are OCD. Now jumping feels like an option.",
        # A job named, but the writer's own overdose.
        "I'm a nurse and I took an overdose of the ward's morphine last night.",
        # A natural death wished for soon.
        "I want to die when the time comes, and I hope it comes soon.",
    ],
)
def test_h100_the_new_set_asides_never_hide_the_writers_own_risk(text):
    assert screen(text).flagged, text


@pytest.mark.parametrize(
    "text",
    [
        # A Spanish attempt with the pronoun before the verb.
        "el sábado me intenté ahorcar en el garaje",
        "Me traté de matar con pastillas el mes pasado.",
        # A Spanish statement of intent with a condition or a time ("me mato").
        "si mañana me despiden me mato",
        "ya lo decidí, esta noche me mato",
        # Poison drunk in a small amount; pills taken by the whole packet.
        "swallowed a little bit of bleach to see what would happen",
        "had my whole packet of sleeping pills an hour ago",
        # A relapse into self-harm with an article.
        "relapsed with the blade again last night",
        # A kept weapon and a promise to use it on a person.
        "The shotgun is in the shed. If my ex shows up I'm going to use it on him.",
    ],
)
def test_h089_h090_h092_families_held_out_authors_showed_are_flagged(text):
    assert screen(text).flagged, text


@pytest.mark.parametrize(
    "text",
    [
        "casi me mato con la bici bajando el cerro",
        "si sigo estudiando así me mato de cansancio",
        "my gran had the whole packet of biscuits",
        "had ten minutes to spare and it was fine",
        "had a bit of a relapse with the diet this week",
        "Got a new knife for the kitchen, I'll use it on the chicken tonight.",
    ],
)
def test_h100_the_new_family_members_leave_ordinary_talk_alone(text):
    assert not screen(text).flagged, text


@pytest.mark.parametrize(
    "text",
    [
        # danger under way, the writer's or reported by someone who sees it
        "My sister drank rat poison an hour ago.",
        "Mi tío se tomó el veneno para las cucarachas.",
        "There's a guy trying to break in through the back door.",
        "Alguien está intentando entrar por la puerta de atrás.",
        "Someone slipped something into my drink and the room is spinning.",
        "Le echaron algo en la bebida a mi amiga, no se puede parar.",
        "Her dad is driving the kids home drunk right now.",
        "Mi cuñado va borracho y manejando con los niños.",
        "The woman upstairs left her kids alone since Saturday.",
        "Mi ex me está siguiendo desde el metro.",
        "Two men have been circling me in a car for ten minutes.",
        "Me escribió que esta noche me mata.",
        "Estoy en la tina con la navaja.",
        "Me tomé como treinta de mis pastillas, tengo mucho sueño.",
        "I did the rest of what I had and my chest hurts.",
        "Almost fainted in the shower, I've only had water for five days.",
        # harm to others threatened or feared
        "Tengo miedo de lastimar a mi bebé cuando no para de llorar.",
        "Mi hermano va a incendiar la casa de su ex.",
        "He said he's going to burn down their house tonight.",
        "I intend to hurt the man who did this to my sister.",
        "Su jefe mejor que vaya con cuidado, llevo años esperando esto.",
        "I keep getting pictures of drowning the baby in the bath.",
        # self-harm told sideways
        "the bandages ran out again",
        "Se me acabaron las curitas otra vez.",
        "Went back to the old way last night. Sleeves are covering it.",
        "Anoche volví a lo de la cuchilla.",
        "Me golpeé la cabeza hasta sangrar.",
        "My arms are covered in new cuts.",
        "Tengo los brazos llenos de rayitas.",
        # endings said sideways
        "I don't see the point in being here much longer.",
        "Siento que ya he cumplido. Quiero dejar de existir.",
        "I've written letters to each of the kids and left them in the drawer.",
    ],
)
def test_h089_h090_h092_families_two_more_writers_showed_are_flagged(text):
    """H-089, H-090, H-092: danger under way seen or reported, harm to others feared or
    threatened, self-harm and endings said sideways, in both languages."""
    assert screen(text).flagged, text


@pytest.mark.parametrize(
    "text",
    [
        "If you don't hear from me by eight, do what we talked about.",
        "Si a las ocho no sabes nada de mí, haz lo que acordamos.",
        "She's home. Can't talk.",
        "Ya llegó. No puedo hablar.",
        "Call me at five and pretend to be the dentist, it's not safe today.",
    ],
)
def test_h127_a_message_in_code_from_someone_not_safe_to_speak_is_flagged(text):
    """H-127: someone who is not safe to write plainly (the person hurting them is in
    the room) writes in code: an agreed signal, a deadline, 'can't talk'."""
    result = screen(text)
    assert result.flagged, text
    assert result.severity == "high", text


@pytest.mark.parametrize(
    "text",
    [
        "I hit my head on the cupboard door, ouch.",
        "Tengo ganas de estrangular a mi jefe, nos cambió el turno.",
        "He keeps following me on instagram, it's a bit much.",
        "I've only had water since lunch, forgot my sandwich.",
        "If I start having thoughts of hurting myself I'll use my safety plan.",
        "Wrote Christmas cards to everyone in the street.",
        "Ya cumplí con los papeles del seguro.",
        "The kids were left alone for ten minutes while I parked, never again.",
        "Talked about drunk driving in my course today.",
    ],
)
def test_h100_the_families_from_two_more_writers_leave_ordinary_talk_alone(text):
    """H-100: the new families keep to risk; their look-alikes in ordinary talk stay
    quiet."""
    assert not screen(text).flagged, text


@pytest.mark.parametrize(
    "text",
    [
        "my uncle is choking my aunt in the kitchen, what do I do",
        "Her boyfriend is kicking the baby's father on the stairs right now.",
        "Mi tío está golpeando a mi prima en el patio, se oyen los golpes.",
        "El vecino le está pegando a su hijo otra vez, lo oigo desde aquí.",
        "My cousin has just overdosed at the party and he won't wake up.",
        "She's turning blue, she took something in the toilets.",
        "My dad swallowed some garden chemicals an hour ago.",
        "Mi hermana tiene ideas de suicidarse, me lo contó anoche.",
        "My wife is having thoughts of ending her life and I don't know what to do.",
        "El taxista no me deja bajarme, no sé a dónde vamos.",
        "The driver won't let me out of the van.",
        "A little boy is out in the snow barefoot next door.",
    ],
)
def test_h089_h090_h092_danger_to_someone_else_now_is_flagged(text):
    """H-089, H-090, H-092: danger under way to someone else, told by a witness (a
    beating or strangling in progress, an overdose with its signs, chemicals drunk,
    someone's suicidal thoughts told by a relative) and being held in a vehicle, in both
    languages, flagged high."""
    result = screen(text)
    assert result.flagged, text
    assert result.severity == "high", text


@pytest.mark.parametrize(
    "text",
    [
        "The new series is beating my expectations, my sister loves it too.",
        "My brother overdosed years ago; he's been clean since and doing well.",
        "Mi jefe no me deja bajar el precio, dice que ya está en oferta.",
        "We drank some chemistry-lab coffee, horrible stuff.",
        "Played in the snow with the kids for hours, lovely.",
    ],
)
def test_h100_danger_to_someone_else_leaves_ordinary_talk_alone(text):
    """H-100: look-alikes of the witness family in ordinary talk stay quiet."""
    assert not screen(text).flagged, text
