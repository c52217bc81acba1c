"""Chuyên mục công khai."""
