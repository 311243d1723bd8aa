"""REST API of the post-responsibility system, scoped to one organisation."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import mixins, serializers

from onestop.organisations.api import OrganisationScopedViewSet
from onestop.organisations.backends import has_organisation_perm
from onestop.posts import selectors
from onestop.posts.models import (
    Department,
    DutyLogEntry,
    MaterialHandover,
    Post,
    Window,
)


class DepartmentSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Department
        fields = ["id", "code", "name", "parent", "is_back_office", "phone"]


class WindowSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    window_type = serializers.CharField(source="window_type.name")
    department = serializers.CharField(source="department.code")

    class Meta:
        model = Window
        fields = [
            "id",
            "number",
            "window_type",
            "department",
            "is_all_round",
            "location",
            "is_active",
        ]


class PostSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    department = serializers.CharField(source="department.code")
    duties = serializers.ListField(source="duty_lines", child=serializers.CharField())
    people = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = ["id", "code", "name", "department", "duties", "people"]

    def get_people(self, post: Post) -> list[str]:
        return [a.membership.user.get_username() for a in post.assignments.all()]


class DutyLogEntrySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    author = serializers.CharField(source="author.username")

    class Meta:
        model = DutyLogEntry
        fields = [
            "id",
            "date",
            "shift",
            "author",
            "post",
            "summary",
            "incidents",
            "handover_notes",
            "created_at",
        ]


class MaterialHandoverSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    from_user = serializers.CharField(source="from_user.username")
    to_user = serializers.CharField(source="to_user.username")

    class Meta:
        model = MaterialHandover
        fields = [
            "id",
            "reference",
            "materials",
            "copies",
            "from_user",
            "from_department",
            "to_user",
            "to_department",
            "handed_over_at",
            "due_at",
            "received_at",
            "remarks",
        ]


class DepartmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationScopedViewSet
):
    queryset_model = Department
    serializer_class = DepartmentSerializer

    def get_queryset(self) -> QuerySet[Department]:
        return selectors.department_list(organisation=self.organisation)


class WindowViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationScopedViewSet
):
    queryset_model = Window
    serializer_class = WindowSerializer

    def get_queryset(self) -> QuerySet[Window]:
        return selectors.window_list(organisation=self.organisation)


class PostViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationScopedViewSet
):
    queryset_model = Post
    serializer_class = PostSerializer

    def get_queryset(self) -> QuerySet[Post]:
        return selectors.post_list(organisation=self.organisation)


class DutyLogEntryViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationScopedViewSet
):
    queryset_model = DutyLogEntry
    serializer_class = DutyLogEntrySerializer

    def get_queryset(self) -> QuerySet[DutyLogEntry]:
        everyone = has_organisation_perm(
            self.request.user, "posts.view_all_duty_logs", self.organisation.pk
        )
        return selectors.duty_log_list(
            organisation=self.organisation, user=self.request.user, everyone=everyone
        )


class MaterialHandoverViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationScopedViewSet
):
    queryset_model = MaterialHandover
    serializer_class = MaterialHandoverSerializer

    def get_queryset(self) -> QuerySet[MaterialHandover]:
        return selectors.handover_list(organisation=self.organisation)
