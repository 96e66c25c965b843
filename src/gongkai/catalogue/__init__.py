"""政府信息公开目录: catalogue entries, 索引号, review workflow, full-text search."""
