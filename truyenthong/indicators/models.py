"""Chỉ số và bảng điều khiển."""
