"""Every model that holds personal data is in the subject access export, or is named with the
reason it is not: a new model cannot be left out unnoticed."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from commonground.directory.models import Person
from commonground.lib.personal_data import EXCLUDED, covered_models, holdings


def _personal(model: type[models.Model]) -> bool:
    """A model pointing at a person or an account, or holding an email address."""
    people = (Person, get_user_model())
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False):
            continue
        if field.is_relation and field.related_model in people:
            return True
        if isinstance(field, models.EmailField):
            return True
    return False


def test_every_model_with_personal_data_is_exported_or_excluded_with_a_reason() -> None:
    covered = {model._meta.label for model in covered_models()}
    missing = [
        model._meta.label
        for model in apps.get_models()
        if _personal(model) and model._meta.label not in covered | set(EXCLUDED)
    ]
    assert missing == [], "models with personal data that no holding covers"


def test_the_exclusions_name_real_models_that_are_not_also_exported() -> None:
    labels = {model._meta.label for model in apps.get_models()}
    covered = {model._meta.label for model in covered_models()}
    assert set(EXCLUDED) <= labels
    assert set(EXCLUDED) & covered == set()
    assert all(reason for reason in EXCLUDED.values())


def test_every_holding_says_why_it_is_kept_and_has_its_own_file_name() -> None:
    keys = [holding.key for holding in holdings()]
    assert len(keys) == len(set(keys))
    assert all(holding.purpose.endswith(".") for holding in holdings())
