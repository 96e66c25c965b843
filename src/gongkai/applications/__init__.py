"""依申请公开 — applications for disclosure under the statutory clock.

The pure-Python core (no Django): ``rules`` (the legal parameters as data), ``fees`` (信息处理费),
``validators`` (ID numbers, 统一社会信用代码, phones), ``workflow`` (the state machine), ``clock``
(the statutory deadlines) and ``tally`` (table 三 of the annual report from the records).
"""
