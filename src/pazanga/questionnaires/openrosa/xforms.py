"""A published questionnaire version as an ODK XForm, and the files it needs.

The XForm is what pyxform makes of the version's own XLSForm export (writer.py), so the
two exports describe the same form. A published version is frozen, so its XForm is made
once and kept in the cache.
"""

import hashlib

from django.core.cache import cache
from pyxform.xls2xform import convert

from pazanga.questionnaires.models import FormAttachment, Questionnaire
from pazanga.questionnaires.xlsform.convert import spec_from_questionnaire
from pazanga.questionnaires.xlsform.spec import FormSpec
from pazanga.questionnaires.xlsform.writer import write_xlsform


def xform_of_spec(form: FormSpec, *, version: str) -> str:
    """The XForm XML of `form`, its instance marked with the platform's version number."""
    # An XForm has one title: the default language's.
    title = tuple((code, text) for code, text in form.title if code == form.languages[0])
    spec = FormSpec(**{**form.__dict__, "version": version, "title": title})
    result = convert(xlsform=write_xlsform(spec), warnings=[], form_name="data")
    return result.xform


def xform(questionnaire: Questionnaire) -> str:
    key = f"questionnaires.xform.{questionnaire.pk}.{questionnaire.version}"
    cached = cache.get(key)
    if cached is None or questionnaire.is_editable:
        cached = xform_of_spec(
            spec_from_questionnaire(questionnaire), version=str(questionnaire.version)
        )
        if not questionnaire.is_editable:
            cache.set(key, cached, timeout=None)
    return str(cached)


def md5(data: bytes) -> str:
    return "md5:" + hashlib.md5(data, usedforsecurity=False).hexdigest()


def attachments(questionnaire: Questionnaire) -> list[FormAttachment]:
    return list(FormAttachment.objects.filter(questionnaire=questionnaire).order_by("name"))
