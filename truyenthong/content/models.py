"""Nội dung truyền thông."""
