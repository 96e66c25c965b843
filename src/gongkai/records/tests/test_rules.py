"""The records' legal vocabulary against the layout of table 二."""


def test_the_kinds_are_table_two_rows_with_their_labels():
    """The labels are literals (for the translation catalogue), so they are held to the layout here."""
    from django.utils import translation

    from gongkai.annual.layout import LAYOUT_2021
    from gongkai.records.rules import KINDS

    with translation.override("zh-hans"):
        for kind, info in KINDS.items():
            grid = LAYOUT_2021.grid(info.grid)
            assert str(info.label) == grid.row(kind.value).text
            assert info.column in {c.key for c in grid.columns}
