"""Hoạt động và điểm danh."""
