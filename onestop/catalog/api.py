"""REST API of the service catalogue, scoped to one organisation."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import mixins, serializers

from onestop.catalog import selectors
from onestop.catalog.models import (
    FaqEntry,
    MaterialRequirement,
    ProcessStep,
    ServiceItem,
)
from onestop.organisations.api import OrganisationScopedViewSet


class MaterialSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = MaterialRequirement
        fields = [
            "position",
            "name",
            "form",
            "copies",
            "necessity",
            "condition",
            "notes",
        ]


class StepSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    department = serializers.CharField(source="department.code")
    post = serializers.CharField(source="post.code", default="")

    class Meta:
        model = ProcessStep
        fields = ["position", "name", "department", "post", "limit_days", "description"]


class FaqSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = FaqEntry
        fields = ["position", "question", "answer"]


class ServiceItemSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    department = serializers.CharField(source="department.code")
    window_type = serializers.CharField(source="window_type.code")
    materials = MaterialSerializer(many=True)
    steps = StepSerializer(many=True)
    faqs = FaqSerializer(many=True)

    class Meta:
        model = ServiceItem
        fields = [
            "id",
            "code",
            "name",
            "category",
            "department",
            "window_type",
            "kind",
            "statutory_limit_days",
            "promised_limit_days",
            "summary",
            "eligibility",
            "fee",
            "fee_basis",
            "legal_basis",
            "result",
            "delivery_ways",
            "online_available",
            "consult_phone",
            "keywords",
            "is_published",
            "version",
            "materials",
            "steps",
            "faqs",
        ]


class ServiceItemViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationScopedViewSet
):
    """The organisation's catalogue items, with materials, steps and FAQ."""

    queryset_model = ServiceItem
    serializer_class = ServiceItemSerializer
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[ServiceItem]:
        return selectors.items_for_export(
            organisation=self.organisation, published_only=False
        )
