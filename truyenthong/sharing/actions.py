"""Permission actions of the sharing kit (granted to roles in SharingConfig.ready)."""

from truyenthong.core.models import Role

SHARE = "share.manage"  # make share kits for class groups and see the reach per class

# What each action lets a person do, as the refusal page and the permission table say it.
LABELS = {
    SHARE: "tạo bộ chia sẻ cho nhóm lớp và xem lượt truy cập",
}

GRANTS = {
    Role.LEADERSHIP: {SHARE},
    Role.COMMS: {SHARE},
    Role.YOUTH: {SHARE},
    Role.DEPT_HEAD: {SHARE},
    Role.TEACHER: {SHARE},
}
