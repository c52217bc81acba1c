"""Every URL pattern (read from the resolver), every role, both schools: nothing is wrongly allowed.

"Wrongly allowed" is defined from the permission layer: each pattern names the actions that may open it (any one of
them, on the organisation its URL points at). A GET that answers 200 to a user who holds none of those actions there
is a hole. Public patterns (portal, login, health) are listed as such; a new pattern with no entry fails the test, so
nobody adds a page without saying who may open it. URL arguments come from real objects of both schools.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests.conftest import SEED_PATH
from truyenthong.activities import apps as A
from truyenthong.assistant import actions as AS
from truyenthong.content import apps as C
from truyenthong.contests import actions as CT
from truyenthong.core import permissions as P
from truyenthong.evaluation import actions as E
from truyenthong.indicators import actions as I
from truyenthong.org import actions as ORG
from truyenthong.privacy import actions as PR
from truyenthong.province import actions as PV
from truyenthong.records import actions as R
from truyenthong.reports import actions as RP
from truyenthong.sharing import actions as SH
from truyenthong.surveys import actions as SV

pytestmark = pytest.mark.django_db

PUBLIC = "public"  # anyone, anonymous included
LOGIN = "login"  # any logged-in account, about itself (its password, its 2FA, its calendar token)
ADMIN = "admin"  # system administrators only

# url name → actions, any one of which opens the page (on the school/department in the URL or of its object)
NEEDS: dict[str, tuple[str, ...] | str] = {
    "portal:home": PUBLIC,
    "core:login": PUBLIC,
    "core:logout": PUBLIC,
    "core:password-reset": PUBLIC,
    "core:password-reset-sent": PUBLIC,
    "core:password-reset-confirm": PUBLIC,
    "core:password-reset-done": PUBLIC,
    "core:healthz": PUBLIC,
    "core:readyz": PUBLIC,
    "core:two-factor": LOGIN,
    "core:reauth": LOGIN,
    "core:password-change": LOGIN,
    "org:audit-log": (P.VIEW_AUDIT,),
    "plans:school-detail": (P.VIEW_PLAN,),
    "org:unit-list": (P.VIEW_ORG,),
    "org:person-list": (P.VIEW_PEOPLE,),
    "org:person-detail": (P.VIEW_PEOPLE,),
    "org:person-edit": (P.CHANGE_PEOPLE,),
    "org:person-password-reset": (ORG.RESET_PASSWORD,),
    "org:class-list": (P.VIEW_ORG,),
    "org:people-import": (P.IMPORT_PEOPLE,),
    "org:people-import-template": (P.IMPORT_PEOPLE,),
    "org:people-import-preview": (P.IMPORT_PEOPLE,),
    "org:classes-import": (P.IMPORT_PEOPLE,),
    "org:classes-import-template": (P.IMPORT_PEOPLE,),
    "org:classes-import-preview": (P.IMPORT_PEOPLE,),
    "plans:plan-list": (P.VIEW_PLAN,),
    "plans:plan-upload": (P.IMPORT_PLAN,),
    "plans:upload-preview": (P.IMPORT_PLAN,),
    "plans:plan-detail": (P.VIEW_PLAN,),
    "plans:plan-export": (P.EXPORT_PLAN,),
    "plans:plan-edit": (P.CHANGE_PLAN,),
    "plans:plan-history": (P.VIEW_PLAN,),
    "plans:measure-add": (P.CHANGE_PLAN,),
    "plans:task-add": (P.CHANGE_PLAN,),
    "plans:part-edit": (P.CHANGE_PLAN,),
    "plans:part-delete": (P.CHANGE_PLAN,),
    "activities:activity-list": (A.VIEW,),
    "activities:activity-create": (A.CHANGE,),
    "activities:calendar": (A.VIEW,),
    "activities:activity-detail": (A.VIEW,),
    "activities:activity-edit": (A.CHANGE,),
    "activities:activity-delete": (A.CHANGE,),
    "activities:activity-transition": (A.CHANGE, A.VERIFY),
    "activities:evidence-add": (A.CHANGE,),
    "activities:evidence-file": (A.VIEW,),
    "activities:evidence-delete": (A.CHANGE,),
    "activities:attendance-tick": (A.CHECK_IN,),
    "activities:attendance-qr": (A.CHECK_IN,),
    "activities:catch-up": (A.CHECK_IN,),
    "activities:check-in": LOGIN,
    "activities:calendar-token": LOGIN,
    "activities:calendar-feed": PUBLIC,  # its secret token is the credential
    "records:record-home": (R.VIEW, R.SUMMARY),
    "records:it-mine": (R.SELF_ASSESS,),
    "records:it-confirm": (R.CONFIRM,),
    "records:record-list": (R.VIEW, R.SUMMARY, R.CONFIRM),
    "records:record-create": (R.CHANGE, R.DEPT_PLAN, R.INCIDENT_CHANGE, R.PERSONNEL),
    "records:record-edit": (R.CHANGE, R.DEPT_PLAN, R.INCIDENT_CHANGE, R.PERSONNEL),
    "records:record-delete": (R.CHANGE, R.DEPT_PLAN, R.INCIDENT_CHANGE, R.PERSONNEL),
    "records:record-history": (R.VIEW, R.CONFIRM, R.INCIDENT_VIEW, R.PERSONNEL),
    "records:dept-plan-action": (R.DEPT_PLAN, R.APPROVE),
    "indicators:dashboard": (I.VIEW,),
    "indicators:department-dashboard": (I.VIEW,),
    "indicators:indicator-list": (I.VIEW,),
    "indicators:indicator-edit": (I.DEFINE,),
    "indicators:indicator-history": (I.VIEW,),
    "indicators:manual-entry": (I.ENTER,),
    "indicators:drilldown": (
        I.VIEW,
    ),  # the people behind a value are shown only with I.RECORDS (tested below)
    "indicators:entry-evidence": (I.RECORDS,),
    "indicators:reporting": (I.VIEW,),
    "indicators:reporting-action": (I.ENTER, I.APPROVE),
    "indicators:task-progress": (I.VIEW,),
    "content:item-list": (C.VIEW,),
    "content:item-create": (C.WRITE,),
    "content:section-list": (C.VIEW,),
    "content:channel-list": (C.VIEW,),
    "content:calendar": (C.VIEW,),
    "content:calendar-export": (C.VIEW,),
    "content:item-detail": (C.VIEW,),
    "content:item-edit": (C.WRITE,),
    "content:item-transition": (C.WRITE, C.APPROVE, C.PUBLISH),
    "content:version-diff": (C.VIEW,),
    "content:attachment-add": (C.WRITE,),
    "content:inline-image-add": (C.WRITE,),
    "content:publication-add": (C.WRITE,),
    "content:section-toggle": (C.PUBLISH,),
    "content:channel-import": (C.WRITE,),
    "portal:sitemap": PUBLIC,
    "portal:index": PUBLIC,
    "portal:section": PUBLIC,
    "portal:search": PUBLIC,
    "portal:tag": PUBLIC,
    "portal:feed-rss": PUBLIC,
    "portal:feed-atom": PUBLIC,
    "portal:widget-js": PUBLIC,
    "portal:widget-frame": PUBLIC,
    "portal:item-detail": PUBLIC,
    "evaluation:home": (E.VIEW,),
    "evaluation:criteria-set": (E.VIEW,),  # read-only without E.SCORE
    "evaluation:criterion-delete": (E.SCORE,),
    "evaluation:cycle-open": (E.SCORE,),
    "evaluation:cycle": (E.VIEW,),
    "evaluation:self-assessment": (E.SELF_ASSESS,),
    "evaluation:scoring": (E.SCORE,),
    "evaluation:emulation": (E.VIEW, E.EMULATION),
    "evaluation:inspection-list": (E.VIEW, E.INSPECTION),
    "evaluation:inspection-detail": (E.VIEW, E.INSPECTION),
    "evaluation:follow-up-complete": (E.INSPECTION,),
    "reports:report-list": (RP.VIEW,),
    "reports:report-detail": (RP.VIEW,),
    "reports:report-generate": (RP.GENERATE,),
    "reports:report-download": (RP.VIEW,),
    "reports:report-publish-infographic": (RP.GENERATE,),
    "reports:job-progress": (RP.VIEW,),
    "reports:province-report": (PV.ROLLUP,),
    "province:rollup": (PV.ROLLUP,),
    "province:rollup-detail": (PV.ROLLUP,),
    "province:reporting": (PV.ROLLUP,),
    "province:links": (PV.LINK,),
    "province:links-suggest": (PV.LINK,),
    "province:link-save": (PV.LINK,),
    "province:plan-from-department": (P.IMPORT_PLAN,),
    "api:schema": PUBLIC,
    "api:figures-import": (I.ENTER,),
    # API lists answer every account, filtered through the permission layer; details need the object's action
    "api:school-list": LOGIN,
    "api:plan-list": LOGIN,
    "api:target-list": LOGIN,
    "api:indicator-list": LOGIN,
    "api:indicator-value-list": LOGIN,
    "api:activity-list": LOGIN,
    "api:content-item-list": LOGIN,
    "api:school-detail": (P.VIEW_PLAN, P.VIEW_ORG),
    "api:plan-detail": (P.VIEW_PLAN,),
    "api:target-detail": (P.VIEW_PLAN,),
    "api:indicator-detail": (I.VIEW,),
    "api:indicator-value-detail": (I.VIEW,),
    "api:activity-detail": (A.VIEW,),
    "api:content-item-detail": (C.VIEW,),
    "assistant:public-ask": PUBLIC,
    "assistant:widget-frame": PUBLIC,
    "assistant:public-document": PUBLIC,  # public documents only (a private one is 404)
    "assistant:staff-ask": (AS.ASK,),
    "assistant:document-list": (AS.ASK,),
    "assistant:document-detail": (AS.ASK,),
    "assistant:summary-save": (AS.MANAGE,),
    "assistant:summary-publish": (AS.MANAGE,),
    "assistant:document-delete": (AS.MANAGE,),
    "assistant:question-list": (AS.QUESTIONS,),
    "privacy:register": (PR.REGISTER,),
    "privacy:consent-list": (PR.CONSENT_VIEW,),
    "privacy:consent-add": (PR.CONSENT_CHANGE,),
    "privacy:consent-withdraw": (PR.CONSENT_CHANGE,),
    "privacy:student-add": (PR.CONSENT_CHANGE,),
    "privacy:appearance-list": (PR.CONSENT_VIEW,),
    "privacy:appearance-add": (PR.CONSENT_CHANGE,),
    "privacy:appearance-remove": (PR.CONSENT_CHANGE,),
    "privacy:access-log": (PR.ACCESS_LOG,),
    "privacy:person-erase": (PR.ERASE,),
    "privacy:own-data": LOGIN,
    "privacy:own-data-json": LOGIN,
    "privacy:own-data-xlsx": LOGIN,
    "contests:contest-list": (CT.VIEW,),
    "contests:question-bank": (CT.MANAGE,),
    "contests:question-export": (CT.MANAGE,),
    "contests:contest-create": (CT.MANAGE,),
    "contests:contest-detail": (CT.VIEW,),
    "contests:contest-status": (CT.MANAGE,),
    "contests:round-create": (CT.MANAGE,),
    "contests:round-detail": (CT.VIEW,),
    "contests:round-export": (CT.MANAGE,),
    "contests:certificates-issue": (CT.MANAGE,),
    "contests:certificates-zip": (CT.MANAGE,),
    "contests:certificate-pdf": LOGIN,  # the holder's own certificate, or the organisers'
    "contests:certificate-verify": PUBLIC,  # the certificate's code is the credential
    # taking a round: public rounds are open to registered visitors; the attempt key is the credential
    "contests:take-home": PUBLIC,
    "contests:take-resume": PUBLIC,
    "contests:attempt-start": PUBLIC,
    "contests:attempt": PUBLIC,
    "contests:attempt-answer": PUBLIC,
    "contests:attempt-submit": PUBLIC,
    "contests:attempt-result": PUBLIC,
    "surveys:survey-list": (SV.VIEW,),
    "surveys:survey-create": (SV.MANAGE,),
    "surveys:survey-detail": (SV.VIEW,),
    "surveys:survey-status": (SV.MANAGE,),
    "surveys:survey-export": (SV.MANAGE,),
    "surveys:respond": PUBLIC,  # a survey's audience decides; public and per-link surveys need no account
    "sharing:kit": (SH.SHARE,),
    "sharing:kit-create": (SH.SHARE,),
    "sharing:poster": LOGIN,
    "sharing:visit": PUBLIC,  # a class link: counted, then redirected
    "admin": ADMIN,
    "media": PUBLIC,  # decided per file by the content rule; private spellings are walked below
}


def _patterns(patterns=None, prefix="", namespace=None):
    """(name, route, converters' argument names) of every pattern the resolver knows."""
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                yield "admin", prefix + str(p.pattern), []
                continue
            yield from _patterns(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace else p.name
            yield name, prefix + str(p.pattern), list(p.pattern.regex.groupindex)


def _first(model, school, *paths):
    from django.core.exceptions import FieldError

    for path in paths:
        try:
            found = model.objects.filter(**{path: school}).order_by("pk").first()
        except FieldError:
            continue
        if found is not None:
            return found
    return None


@pytest.fixture
def objects(world_with_plan):
    """For each school: the real objects the URL arguments point at."""
    from truyenthong.activities.models import Activity, Evidence
    from truyenthong.activities.services import activity_create
    from truyenthong.assistant.services import document_upload
    from truyenthong.content import services as content
    from truyenthong.content.models import ContentItem, Section
    from truyenthong.indicators.models import Indicator
    from truyenthong.plans.models import Plan, Target, Task, TaskGroup
    from truyenthong.plans.services import plan_import
    from truyenthong.reports.models import Report

    w = world_with_plan
    plan_import(
        organisation=w.other_school,
        data=SEED_PATH.read_bytes(),
        filename="ke-hoach.txt",
        actor=w.users["outsider"],
        max_bytes=10 * 1024 * 1024,
    )
    out = {}
    for school, leader in ((w.school, w.users["principal"]), (w.other_school, w.users["outsider"])):
        start = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0) - dt.timedelta(days=1)
        unit = _first(type(school), school, "parent")
        activity = activity_create(
            school=school,
            actor=leader,
            unit=unit,
            kind="study_session",
            title=f"Sinh hoạt {school.code}",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            place="Hội trường",
            audience="staff",
        )
        evidence = Evidence(activity=activity, original_name="a.pdf", caption="x")
        evidence.file.save("a.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        evidence.save()
        section = Section.objects.create(school=school, slug=f"nq71-{school.code}", title="Nghị quyết 71")
        item = content.item_create(school=school, actor=leader, title=f"Tin {school.code}", section=section)
        ContentItem.objects.filter(pk=item.pk).update(status="published", published_at=timezone.now())
        report = Report.objects.create(
            school=school, kind="year_review", period_key="2025-2026", summary="Tổng kết"
        )
        plan = Plan.objects.filter(organisation=school).order_by("-pk").first()
        document = document_upload(
            school=school, actor=leader, name="thong-bao.txt", data="1. Lịch họp\nHọp ngày 12/4.\n".encode()
        )
        out[school.code] = {
            "school": school,
            "school_pk": school.pk,
            "code": school.code,
            "plan_id": plan.pk,
            "target_id": Target.objects.filter(plan=plan).first().pk,
            "group_id": TaskGroup.objects.filter(plan=plan).first().pk,
            "part_slug": "nhiem-vu",
            "part_pk": Task.objects.filter(group__plan=plan).first().pk,
            "activity_id": activity.pk,
            "evidence_id": evidence.pk,
            "person_id": _first(type(w.people["teacher"]), school, "school").pk,
            "item_id": item.pk,
            "document_id": document.pk,
            "number": 1,
            "section_id": section.pk,
            "slug": section.slug,
            "item_slug": item.slug,
            "indicator_pk": _first(Indicator, school, "school").pk,
            "report_pk": report.pk,
            "kind": "tu-danh-gia-cntt",
            "period_key": "2025-2026",
            "fmt": "xlsx",
            "step": "hoan-thanh",
            "action": "duyet",
            "token": "khong-hop-le",
            "uidb64": "MQ",
            "tag_slug": "khong-co",
            "path": item.slug,
        }
        assert Activity.objects.filter(school=school).exists()
    return out


API_PK = {
    "api:school-detail": "school_pk",
    "api:plan-detail": "plan_id",
    "api:target-detail": "target_id",
    "api:indicator-detail": "indicator_pk",
    "api:activity-detail": "activity_id",
    "api:content-item-detail": "item_id",
}


def _kwargs(name: str, args: list[str], objs: dict) -> dict:
    """URL arguments for pattern `name` from one school's objects (an unknown id stays unknown: 999999)."""
    values = {}
    for arg in args:
        if arg == "pk":
            key = {
                "plans:part-edit": "part_pk",
                "plans:part-delete": "part_pk",
                "reports:report-detail": "report_pk",
                "reports:report-generate": "report_pk",
                "reports:report-download": "report_pk",
                "reports:report-publish-infographic": "report_pk",
                **API_PK,
            }.get(name, "indicator_pk" if name.startswith("indicators:") else "")
            values[arg] = objs.get(key, 999999)
        elif arg == "code" and _on_department(name):
            values[arg] = objs["school"].parent.code
        else:
            values[arg] = objs.get(arg, 999999)
    return values


def _on_department(name: str) -> bool:
    return name in (
        "indicators:department-dashboard",
        "province:rollup",
        "province:rollup-detail",
        "province:reporting",
        "reports:province-report",
    )


def _route_to_url(name: str, route: str, kwargs: dict) -> str:
    import re

    if name == "media":
        return "/media/" + str(kwargs.get("path", ""))
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route)
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), url)
    return "/" + url.replace("^", "").replace("$", "")


def _allowed(user, needs, school) -> bool:
    if needs == PUBLIC:
        return True
    if user is None:
        return False
    if needs == LOGIN:
        return True
    if needs == ADMIN:
        return P.is_system_admin(user)
    return any(P.can(user, action, school) for action in needs)


def test_every_pattern_has_a_declared_need():
    names = {name for name, _, _ in _patterns()}
    assert names - set(NEEDS) == set(), "new URL patterns without a declared permission need"


def test_no_url_of_either_school_is_wrongly_allowed_to_any_role(objects, world, client_for):
    users = {"anonymous": None, **world.users}
    clients = {label: client_for(user) for label, user in users.items()}
    holes, walked = [], 0
    for name, route, args in _patterns():
        needs = NEEDS[name]
        for objs in objects.values():
            school = objs["school"]
            if _on_department(name):
                school = school.parent
            url = _route_to_url(name, route, _kwargs(name, args, objs))
            for label, user in users.items():
                response = clients[label].get(url)
                walked += 1
                if response.status_code == 200 and not _allowed(user, needs, school):
                    holes.append(f"{label} → {url} ({name})")
    assert walked > 2000
    assert holes == [], "\n".join(holes)


def test_no_spelling_of_a_private_file_path_is_served_to_any_role(objects, world, client_for):
    from tests.security.test_media import SPELLINGS
    from truyenthong.activities.models import Evidence

    evidence = Evidence.objects.get(pk=objects[world.school.code]["evidence_id"])
    rest = evidence.file.name.split("private/", 1)[1]
    for user in (None, *world.users.values()):
        client = client_for(user)
        for spelling in SPELLINGS:
            url = spelling.format(n=rest)
            assert client.get(url).status_code in (400, 404), (user, url)
    # the permission-checked view is the one way in, and it follows the permission layer
    url = f"/minh-chung/{evidence.pk}/"
    for label, user in world.users.items():
        expected = P.can(user, A.VIEW, world.school)
        assert (client_for(user).get(url).status_code == 200) == expected, label


def test_the_people_behind_a_value_are_not_shown_to_an_official(objects, world, client_for):
    from truyenthong.indicators.models import Indicator

    for indicator in Indicator.objects.filter(school=world.school)[:40]:
        url = f"/truong/{world.school.code}/chi-so/{indicator.pk}/ky/2025-2026/"
        html = client_for(world.users["official"]).get(url).content.decode()
        for person in world.people.values():
            assert person.full_name not in html, url
