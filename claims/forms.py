from __future__ import annotations

from django import forms
from django.core.validators import URLValidator

from .fact_table import ROWS_BY
from .ingest.records import WEB_SCHEMES
from .models import Article, Outlet, Relation, ReviewStatus, Story

SORTS = [
    ("relevance", "Best match"),
    ("newest", "Newest"),
    ("oldest", "Oldest"),
    ("title", "Title"),
    ("claims", "Most claims"),
]


class BrowseForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=300,
        widget=forms.SearchInput(attrs={"placeholder": 'e.g. Assad "death toll" -Iran'}),
    )
    outlet = forms.ModelChoiceField(Outlet.objects.all(), required=False, empty_label="Any outlet")
    story = forms.ModelChoiceField(Story.objects.all(), required=False, empty_label="Any story")
    published_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    published_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    has_links = forms.BooleanField(label="Has links", required=False)
    has_conflicts = forms.BooleanField(label="Has conflicts", required=False)
    sort = forms.ChoiceField(choices=SORTS, required=False)


class LinkForm(forms.Form):
    """A new link: a selection (offsets) in one article and a claim in the other."""

    side = forms.ChoiceField(choices=[("a", "a"), ("b", "b")])
    start = forms.IntegerField()
    end = forms.IntegerField()
    target = forms.IntegerField(required=False)
    relation = forms.CharField(required=False)
    note = forms.CharField(required=False, max_length=5000)
    # the relation the analyst chose again after a warning that it disagrees with the
    # story's facts: saved as it is
    despite_facts = forms.CharField(required=False, max_length=20)


class VersionForm(forms.Form):
    """The version of the row the user saw: a change made on an older one is refused.
    Left out, the change applies to the latest version (scripts, older pages)."""

    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class LinkEditForm(VersionForm):
    relation = forms.ChoiceField(choices=Relation.choices, widget=forms.RadioSelect)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ArticleDetailsForm(forms.Form):
    """What an analyst may set of an article: never its text (claims point into it)."""

    title = forms.CharField(label="Headline (as lists show it)", max_length=1000)
    outlet = forms.CharField(required=False, max_length=200)
    published = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    url = forms.URLField(
        label="URL",
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=list(WEB_SCHEMES))],
    )
    author = forms.CharField(required=False, max_length=300)

    def clean_published(self) -> object:
        from .ingest.errors import InputError
        from .ingest.records import parse_date

        try:
            return parse_date(self.cleaned_data["published"])
        except InputError as exc:
            raise forms.ValidationError(exc.message) from None


CHOOSE_TWO = "Tick exactly two articles to compare them."


class CompareChoiceForm(forms.Form):
    """Two articles ticked on a list, to read side by side."""

    articles: forms.ModelMultipleChoiceField[Article] = forms.ModelMultipleChoiceField(
        queryset=Article.objects.only("pk")
    )

    def clean_articles(self) -> list[int]:
        chosen = [a.pk for a in self.cleaned_data["articles"]]
        if len(chosen) != 2:
            raise forms.ValidationError(CHOOSE_TWO)
        return chosen


class PasteForm(forms.Form):
    title = forms.CharField(label="Headline", max_length=1000)
    text = forms.CharField(label="Article text", widget=forms.Textarea(attrs={"rows": 10}))
    outlet = forms.CharField(required=False, max_length=200)
    url = forms.URLField(
        label="URL",
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=list(WEB_SCHEMES))],
    )
    published = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name (the recipe from Django's documentation)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data] or [single(None, initial)]
        return [single(data, initial)]


class UploadForm(forms.Form):
    # An empty file is reported with the others ("empty file"), not refused with the batch.
    # (a field named "files": the form metaclass takes it off the class, so it does not
    # shadow Form.files at run time)
    files = MultipleFileField(  # type: ignore[assignment]
        label="Files (.txt, .md, .html, .json, .jsonl)", allow_empty_file=True
    )
    # For files that do not say them themselves (a .txt file, mostly).
    outlet = forms.CharField(required=False, max_length=200, label="Outlet (if the files lack one)")
    published = forms.DateField(
        required=False,
        label="Published (if the files lack a date)",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    # Set by the upload script on the second and later parts of one selection.
    batch = forms.UUIDField(required=False, widget=forms.HiddenInput)


class FetchForm(forms.Form):
    url = forms.URLField(
        label="Article URL",
        assume_scheme="https",
        validators=[URLValidator(schemes=list(WEB_SCHEMES))],
    )


CONFLICT_STATUSES = [
    ("active", "Open and confirmed"),
    *ReviewStatus.choices,
    ("all", "Any status"),
]
CONFLICT_SORTS = [("score", "Highest score"), ("date", "Newest")]
# What kind of conflict, and how it is marked: the dashboard filters on these.
CONFLICT_MARKS = [
    ("", "Any kind"),
    ("disagreement", "Disagreements"),
    ("update", "Updates over time"),
    ("hedged", "Hedged"),
    ("different_sources", "Different sources"),
    ("same_source", "Same source"),
]


class ConflictFilterForm(forms.Form):
    story = forms.IntegerField(required=False, min_value=1)
    outlet = forms.IntegerField(required=False, min_value=1)
    status = forms.ChoiceField(choices=CONFLICT_STATUSES, required=False)
    entity = forms.CharField(required=False, max_length=200)
    source = forms.CharField(required=False, max_length=200)
    mark = forms.ChoiceField(choices=CONFLICT_MARKS, required=False)
    sort = forms.ChoiceField(choices=CONFLICT_SORTS, required=False)


class ReviewForm(VersionForm):
    status = forms.ChoiceField(choices=ReviewStatus.choices)
    reason = forms.CharField(required=False, max_length=2000)


# The writes' text fields, read through forms so that every value is checked the same
# way (length, and no NUL characters: Django's CharField refuses them) before a service
# sees it. Emptiness is the services' rule, with their own messages.
class NoteForm(forms.Form):
    body = forms.CharField(required=False, max_length=5000, strip=False)


class AliasForm(forms.Form):
    alias = forms.CharField(required=False, max_length=200)
    canonical = forms.CharField(required=False, max_length=200)


class StoryNameForm(forms.Form):
    name = forms.CharField(required=False, max_length=300)


class FactRowsForm(forms.Form):
    """How the fact table cuts its rows: per article (the default), outlet or source."""

    by = forms.ChoiceField(choices=list(ROWS_BY.items()), required=False)


class FactNameForm(forms.Form):
    name = forms.CharField(required=False, max_length=200)


class FactMergeForm(forms.Form):
    other = forms.IntegerField(error_messages={"required": "Choose a fact to merge with."})


class DismissForm(VersionForm):
    reason = forms.CharField(required=False, max_length=2000)


def first_error(form: forms.Form) -> str:
    """The form's first error, in the words Django gives it ("Null characters are not
    allowed."), with the field's name when it belongs to one."""
    for name, errors in form.errors.items():
        label = "" if name == "__all__" else f"{form.fields[name].label or name.capitalize()}: "
        return f"{label}{errors[0]}"
    return "That request could not be read."
