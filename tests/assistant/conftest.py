"""A school library for the assistant's tests: the seed plan (imported as a plan) and the demo documents."""

import pytest

from truyenthong.assistant.quality import DEMO_DOCUMENTS


@pytest.fixture
def library(world, django_capture_on_commit_callbacks):
    """The seed plan enters the library through the plan-import hook; the demo documents are uploaded."""
    from truyenthong.assistant.index import forget
    from truyenthong.assistant.models import Document
    from truyenthong.assistant.services import document_upload
    from truyenthong.plans.services import plan_import

    with django_capture_on_commit_callbacks(execute=True):
        world.plan = plan_import(
            organisation=world.school,
            data=DEMO_DOCUMENTS["ke-hoach"].read_bytes(),
            filename="ke-hoach-35.txt",
            actor=world.users["principal"],
            max_bytes=10 * 1024 * 1024,
        )
    assert Document.objects.filter(plan=world.plan).exists()
    for key, path in DEMO_DOCUMENTS.items():
        if key != "ke-hoach":
            document_upload(
                school=world.school, actor=world.users["comms"], name=path.name, data=path.read_bytes()
            )
    forget()
    return world
