"""The supervising office's (主管部门) workplace: the annual reports of the agencies under it."""
