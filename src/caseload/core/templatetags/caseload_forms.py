"""How every form field is drawn: the Bootstrap class for its kind of control, its help
text and errors tied to it with aria-describedby, and radio groups without a silently
pre-selected blank. Used by includes/field.html, so no form sets classes itself."""

from django import forms, template
from django.forms.boundfield import BoundField, BoundWidget
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

register = template.Library()

CHOICE_GROUPS = (forms.RadioSelect, forms.CheckboxSelectMultiple)
NOT_ANSWERED = _("Not answered")


def _control_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


@register.filter
def is_choice_group(field: BoundField) -> bool:
    """Radio buttons and checkbox lists: drawn as a fieldset with a legend."""
    return isinstance(field.field.widget, CHOICE_GROUPS)


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def described_by(field: BoundField) -> str:
    """The ids of the help text and the error list that describe `field`."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_errors")
    return " ".join(ids)


@register.filter
def control(field: BoundField) -> SafeString:
    """The field's widget with its Bootstrap class and aria-describedby."""
    widget = field.field.widget
    classes = f"{widget.attrs.get('class', '')} {_control_class(widget)}".strip()
    attrs: dict[str, str | bool] = {"class": classes}
    if described := described_by(field):
        attrs["aria-describedby"] = described
    return field.as_widget(attrs=attrs)


@register.filter
def choice_options(field: BoundField) -> list[BoundWidget]:
    """The options of a radio or checkbox group, each input with Bootstrap's class.

    A model field with choices offers a blank "---------" option. For a required
    question it is dropped, so the group starts with nothing chosen and the person must
    choose (an unchosen group is an error, never a silent default). For an optional
    question it stays as an explicit, labelled "Not answered"."""
    options = []
    for option in field.subwidgets:
        if option.data["value"] in ("", None):
            if field.field.required:
                continue
            if str(option.data["label"]).strip("-") == "":
                option.data["label"] = NOT_ANSWERED
        option.data["attrs"]["class"] = "form-check-input"
        options.append(option)
    return options


@register.filter
def anchor_id(field: BoundField) -> str:
    """The id an error summary links to: the control, or a group's first option."""
    if is_choice_group(field):
        options = choice_options(field)
        return options[0].id_for_label if options else field.auto_id
    return field.id_for_label or field.auto_id


@register.filter
def display_value(field: BoundField) -> str:
    """What was chosen or typed in a bound field, in words: choice labels rather than
    stored values, for a confirmation page that says what is about to happen."""
    value = field.value()
    # Keys as text: a bound field's value is what was posted, a string.
    choices = {str(key): label for key, label in getattr(field.field, "choices", ()) or ()}
    values = value if isinstance(value, list | tuple) else [value]
    shown = [str(choices.get(str(item), item)) for item in values if item not in ("", None)]
    return ", ".join(shown)
