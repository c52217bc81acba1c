"""Hồ sơ minh chứng chỉ tiêu."""
