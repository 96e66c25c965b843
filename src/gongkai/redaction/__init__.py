"""Finding and removing personal data in documents before they are published (条例第十五条、第三十七条、
第四十四条; spec supervision-and-privacy §4). Plain Python, no Django: ``detect`` proposes spans by
rules declared as data, ``profiles`` says per document type what to do with each kind, ``mask``
rewrites text, ``docx`` and ``pdf`` rewrite files so the redacted characters are really gone.
"""

from .detect import Proposal, Rule, detect
from .mask import apply
from .profiles import PROFILES, Action, Profile, profile

__all__ = ["PROFILES", "Action", "Profile", "Proposal", "Rule", "apply", "detect", "profile"]
