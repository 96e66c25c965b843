"""Public portal: agencies, 政府信息公开指南, the catalogue, annual reports. No account needed."""
