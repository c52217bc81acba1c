"""Đánh giá, thi đua, kiểm tra."""
