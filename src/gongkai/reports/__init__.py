"""The annual report (政府信息公开工作年度报告) workspace: built from live data, written, reviewed,
published with a content hash, corrected by new versions; and last year's report as a baseline."""
