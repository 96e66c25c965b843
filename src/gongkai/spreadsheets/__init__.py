"""Importing a spreadsheet (xlsx or csv) in two steps, shared by every app that imports one.

``reading`` turns an upload into rows, ``cells`` reads one cell the Chinese ways, ``columns``
finds and maps the header and checks the rows (every refusal is data: row, column, message), and
``models.ImportBatch`` is the abstract upload kept between the preview and the confirmation. What a
row means, and what importing it writes, stays in the app.
"""
