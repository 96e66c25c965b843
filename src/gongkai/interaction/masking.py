"""Personal data out of a published Q&A (条例第十五条): the submitter's name wherever it occurs,
other names kept to the surname (张某某), phone and ID numbers, e-mail and bank accounts removed,
addresses cut to the 乡镇/街道. The officer sees the result before publishing and may edit it."""

from __future__ import annotations

from gongkai.redaction import Action, Profile, apply, detect
from gongkai.redaction.detect import ADDRESS, NAME, PARTY

PUBLIC_QA = Profile(
    "public_qa", {NAME: Action.MASK, PARTY: Action.MASK, ADDRESS: Action.TRUNCATE}
)  # any other kind: removed


def mask(text: str, names=()) -> str:
    return apply(text, PUBLIC_QA.proposals(detect(text, names=names)), PUBLIC_QA)
