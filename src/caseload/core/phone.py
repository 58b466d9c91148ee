import re


def tel_href(number: str) -> str:
    """A tel: link for a number as people write it ("988", "(555) 010-0199")."""
    return "tel:" + re.sub(r"[^\d+]", "", number)
