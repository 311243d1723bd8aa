"""Knowledge pages: agents search, read and catch up; editors draft and approve."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.knowledge import selectors, services
from onestop.knowledge.diffs import has_changes, line_diff
from onestop.knowledge.forms import ArticleForm, StepForm, VariantFormSet, variants_of
from onestop.knowledge.models import OPEN_STATUSES, Article, ArticleVersion
from onestop.knowledge.states import APPROVE, WRITE, Action, actions_for
from onestop.organisations.access import can, staff_view

READ = "knowledge.view_article"
CREATE = "knowledge.add_article"
REGION_SESSION_KEY = "knowledge_region"


# --- Agents ------------------------------------------------------------------------------


@staff_view(READ)
def knowledge_search(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    query = request.GET.get("q", "").strip()
    region = _region(request)
    found = None
    if query:
        found = selectors.article_search(
            organisation=organisation,
            query=query,
            on=timezone.localdate(),
            region=region,
        )
    context = {
        "query": query,
        "found": found,
        "region": region,
        "regions": selectors.regions_used(organisation=organisation),
        **_editor_flags(request),
    }
    return render(request, "knowledge/search.html", context)


@staff_view(READ)
def knowledge_changes(request: HttpRequest) -> HttpResponse:
    changes = selectors.changes_for(
        user=request.user,
        organisation=request.organisation,  # type: ignore[attr-defined]
        on=timezone.localdate(),
        now=timezone.now(),
    )
    return render(request, "knowledge/changes.html", {"changes": changes})


@staff_view(READ)
def article_page(request: HttpRequest, key: str) -> HttpResponse:
    """The version in force today for the reader's region; marks it read."""
    article = _article(request, key)
    today = timezone.localdate()
    region = _region(request)
    current = selectors.version_in_force(article=article, on=today)
    seen = selectors.last_read(user=request.user, article=article)
    context = {
        "article": article,
        "current": current,
        "region": region,
        "seen": seen,
        "upcoming": selectors.version_upcoming(article=article, on=today),
        **_reading(current, seen, region),
        **_history(request, article),
    }
    if current is not None:
        services.article_mark_read(user=request.user, version=current)
    return render(request, "knowledge/article.html", context)


def _reading(current: ArticleVersion | None, seen: Any, region: str) -> dict[str, Any]:
    """The text to read and, if the reader saw another version, what changed since."""
    if current is None:
        return {"text": None, "regions": [], "diff": None}
    text = selectors.version_text(current, region)
    diff = None
    if seen is not None and seen.version_id != current.pk:
        before = selectors.version_text(seen.version, region).body
        diff = line_diff(before, text.body)
    return {"text": text, "regions": selectors.regions_of(current), "diff": diff}


def _history(request: HttpRequest, article: Article) -> dict[str, Any]:
    editor = can(request, WRITE)
    return {
        "history": selectors.article_history(
            article=article, include_unpublished=editor
        ),
        **_editor_flags(request),
    }


@staff_view(READ)
def version_page(request: HttpRequest, key: str, number: int) -> HttpResponse:
    """One version, compared with what agents read before it (or read today, for a draft)."""
    article = _article(request, key)
    version = selectors.version_get(
        article=article, number=number, include_unpublished=can(request, WRITE)
    )
    region = _region(request)
    compared = _compared_with(article, version)
    text = selectors.version_text(version, region)
    diff = None
    if compared is not None:
        diff = line_diff(selectors.version_text(compared, region).body, text.body)
    context = {
        "article": article,
        "version": version,
        "text": text,
        "region": region,
        "regions": selectors.regions_of(version),
        "compared": compared,
        "diff": diff,
        "diff_has_changes": diff is not None and has_changes(diff),
        "actions": _action_forms(request, version),
    }
    return render(request, "knowledge/version.html", context)


def _compared_with(article: Article, version: ArticleVersion) -> ArticleVersion | None:
    if version.status in OPEN_STATUSES:
        in_force = selectors.version_in_force(article=article, on=timezone.localdate())
        if in_force is not None:
            return in_force
    return selectors.version_previous(version=version)


def _action_forms(
    request: HttpRequest, version: ArticleVersion
) -> list[dict[str, Any]]:
    needs_comment = {Action.RETURN, Action.WITHDRAW, Action.APPROVE}
    return [
        {
            "action": action,
            "form": StepForm(prefix=action) if action in needs_comment else None,
        }
        for action in actions_for(request.user, version)
    ]


# --- Editors ----------------------------------------------------------------------------


@staff_view(CREATE)
def article_new(request: HttpRequest) -> HttpResponse:
    form = ArticleForm(
        request.POST or None,
        with_key=True,
        initial={"effective_from": timezone.localdate()},
    )
    variants = VariantFormSet(request.POST or None, prefix="variants")
    if request.method == "POST" and form.is_valid() and variants.is_valid():
        try:
            version = services.article_create(
                actor=request.user,
                organisation=request.organisation,  # type: ignore[attr-defined]
                key=form.cleaned_data["key"],
                content=form.content(variants_of(variants)),
                meta=form.meta(),
            )
        except (ServiceError, ServiceErrors) as error:
            _form_errors(form, error)
        else:
            return _saved(request, version)
    return _edit_page(request, form, variants, None)


@staff_view(WRITE)
def article_edit(request: HttpRequest, key: str) -> HttpResponse:
    """Change my open draft, or start the next version from the latest text."""
    article = _article(request, key)
    start = selectors.open_version(article=article) or _latest(article)
    form = ArticleForm(request.POST or None, initial=_initial(article, start))
    variants = VariantFormSet(
        request.POST or None, prefix="variants", initial=_variant_rows(start)
    )
    if request.method == "POST" and form.is_valid() and variants.is_valid():
        try:
            version = services.article_draft(
                actor=request.user,
                article=article,
                content=form.content(variants_of(variants)),
                meta=form.meta(),
            )
        except (ServiceError, ServiceErrors) as error:
            _form_errors(form, error)
        else:
            return _saved(request, version)
    return _edit_page(request, form, variants, article)


def _latest(article: Article) -> ArticleVersion | None:
    return (
        selectors.version_in_force(article=article, on=timezone.localdate())
        or selectors.article_history(article=article, include_unpublished=True).first()
    )


def _initial(article: Article, version: ArticleVersion | None) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "category": article.category,
        "topics": " ".join(t.code for t in article.topics.all()),
        "effective_from": timezone.localdate(),
    }
    if version is not None:
        initial.update(title=version.title, body=version.body)
        if version.status in OPEN_STATUSES:
            initial.update(
                effective_from=version.effective_from,
                effective_to=version.effective_to,
                note=version.note,
            )
    return initial


def _variant_rows(version: ArticleVersion | None) -> list[dict[str, str]]:
    if version is None:
        return []
    return [{"region": v.region, "body": v.body} for v in version.variants.all()]


def _edit_page(
    request: HttpRequest, form: ArticleForm, variants: Any, article: Article | None
) -> HttpResponse:
    context = {"form": form, "variants": variants, "article": article}
    status = 400 if request.method == "POST" else 200
    return render(request, "knowledge/edit.html", context, status=status)


def _saved(request: HttpRequest, version: ArticleVersion) -> HttpResponse:
    messages.success(
        request,
        _("Draft of version %(number)s saved. Submit it for approval when it is ready.")
        % {"number": version.number},
    )
    return redirect(
        "staff:knowledge_version", key=version.article.key, number=version.number
    )


@require_POST
@staff_view(WRITE)
def version_step(
    request: HttpRequest, key: str, number: int, action: str
) -> HttpResponse:
    article = _article(request, key)
    version = selectors.version_get(
        article=article, number=number, include_unpublished=True
    )
    form = StepForm(request.POST, prefix=action)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.version_act(
            actor=request.user, version=version, action=action, comment=comment
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Done: %(action)s.") % {"action": Action(action).label}
        )
    return redirect("staff:knowledge_version", key=key, number=number)


@staff_view(WRITE)
def review_queue(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    context = {
        "waiting": selectors.review_queue(organisation=organisation),
        "drafts": selectors.drafts_of(organisation=organisation, user=request.user),
        "may_approve": can(request, APPROVE),
    }
    return render(request, "knowledge/review.html", context)


# --- Helpers -------------------------------------------------------------------------------


def _article(request: HttpRequest, key: str) -> Article:
    return selectors.article_get(organisation=request.organisation, key=key)  # type: ignore[attr-defined]


def _region(request: HttpRequest) -> str:
    """The region asked for, else the one this person chose last (kept in the session)."""
    if "region" in request.GET:
        region = request.GET["region"].strip()[:20]
        request.session[REGION_SESSION_KEY] = region
        return region
    return str(request.session.get(REGION_SESSION_KEY, ""))


def _editor_flags(request: HttpRequest) -> dict[str, bool]:
    return {
        "may_create": can(request, CREATE),
        "may_write": can(request, WRITE),
        "may_approve": can(request, APPROVE),
    }


def _form_errors(form: ArticleForm, error: ServiceError | ServiceErrors) -> None:
    errors = error.errors if isinstance(error, ServiceErrors) else [error]
    for one in errors:
        field = one.field if one.field in form.fields else None
        form.add_error(field, one.message)
