import re
import unicodedata

from django import forms
from django.core.validators import validate_slug
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carers.forms import MunicipalityChoiceField
from carers.models import Role

from . import markdown, slugs
from .models import Article, Audience
from .selfcheck import EASY_LABELS, SIGNS, Answer, Subject

MUNICIPALITY_ERRORS = {
    "required": _("Please choose a municipality."),
    "invalid_choice": _("This municipality is not in the list. Please choose one from the list."),
}


class SelfCheckForm(forms.Form):
    """The six signs plus what the next steps depend on. Nothing here is stored
    (only, if opted in, the anonymous tally: municipality, count, month)."""

    subject = forms.ChoiceField(
        label=_("Who are you answering about?"),
        choices=Subject.choices,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Please choose whether you answer about yourself or someone you know.")
        },
    )
    municipality = MunicipalityChoiceField(
        empty_label=_("Choose a municipality"),
        help_text=_("The next steps show support desks and salons there."),
        error_messages=MUNICIPALITY_ERRORS,
    )
    under_18 = forms.BooleanField(required=False)
    # School and a job are separate answers: for someone under 18, school is
    # the other role, and employee leave schemes do not apply.
    studies = forms.BooleanField(required=False)
    works = forms.BooleanField(required=False)
    # やさしい日本語: the questions in plain Japanese (Japanese pages only).
    easy = forms.BooleanField(required=False, widget=forms.HiddenInput)
    left_work = forms.BooleanField(required=False)
    tally = forms.BooleanField(
        label=_("Count my check anonymously in the prefecture's statistics"),
        required=False,
        help_text=_(
            "Only the municipality, the number of signs and the month are counted, nothing else."
        ),
    )

    def error_anchor(self, bound_field) -> str:
        """Where the error summary links: a question's fieldset, the municipality's select."""
        if bound_field.name == "municipality":
            return bound_field.id_for_label
        return f"q-{bound_field.name}"

    def __init__(self, *args, subject=Subject.MYSELF, easy=False, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            subject = self.data.get("subject")
            easy = self.data.get("easy") in ("1", "True", "on")
        from django.utils.translation import get_language

        self.plain_japanese = bool(easy) and (get_language() or "").startswith("ja")
        self.initial.setdefault("easy", self.plain_japanese)
        self.about = subject if subject in Subject.values else Subject.MYSELF
        self.initial.setdefault("subject", self.about)
        about_someone = self.about == Subject.SOMEONE
        for sign in SIGNS:
            if self.plain_japanese:
                label, help_text = (sign.easy_someone if about_someone else sign.easy_myself), ""
            else:
                # The plan's wording heads the question; the plain question explains it.
                label = sign.plan
                help_text = sign.about_someone if about_someone else sign.about_myself
            self.fields[f"sign_{sign.key}"] = forms.ChoiceField(
                label=label,
                help_text=help_text,
                choices=Answer.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _(
                        "Please answer this question (choose “Not sure” if you do not know)."
                    )
                },
            )
        # Field order is page order, so the error summary lists problems top to bottom.
        self.order_fields(
            [
                "subject",
                *(f"sign_{s.key}" for s in SIGNS),
                "municipality",
                "under_18",
                "studies",
                "works",
                "left_work",
                "tally",
            ]
        )
        if about_someone:
            self.fields["municipality"].label = _("Municipality where they live")
            self.fields["under_18"].label = _("They are under 18 (a child or teenager)")
            self.fields["studies"].label = _("They go to school or study")
            self.fields["works"].label = _(
                "They have a job (employed, part-time, a side job or self-employed)"
            )
            self.fields["left_work"].label = _("They left a job because of the care")
        else:
            self.fields["municipality"].label = _("Municipality where you live")
            self.fields["under_18"].label = _("I am under 18")
            self.fields["studies"].label = _("I go to school or study")
            self.fields["works"].label = _(
                "I have a job (employed, part-time, a side job or self-employed)"
            )
            self.fields["left_work"].label = _("I left a job because of the care")
        if self.plain_japanese:
            for name, (mine, theirs) in EASY_LABELS.items():
                self.fields[name].label = theirs if about_someone else mine

    def sign_fields(self):
        return [self[f"sign_{s.key}"] for s in SIGNS]

    def answers(self):
        from .selfcheck import Answers

        data = self.cleaned_data
        return Answers(
            subject=data["subject"],
            signs={s.key: data[f"sign_{s.key}"] for s in SIGNS},
            works=data["works"],
            under_18=data["under_18"],
            studies=data["studies"],
            left_work=data.get("left_work", False),
        )


class ArticleFilterForm(forms.Form):
    """The public list's filters (GET). Invalid values are ignored, never a 500."""

    q = forms.CharField(
        label=_("Search words"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
        error_messages={"max_length": _("Please use at most %(limit_value)d characters.")},
    )
    audience = forms.ChoiceField(
        label=_("For"), choices=[("", _("Everyone"))] + Audience.choices, required=False
    )
    municipality = MunicipalityChoiceField(
        label=_("Your municipality"),
        required=False,
        empty_label=_("Whole prefecture"),
        help_text=_("Local articles of this municipality are shown first."),
        error_messages=MUNICIPALITY_ERRORS,
    )


# Paths under /awareness/ that are not articles.
RESERVED_SLUGS = frozenset({"check", "work-and-care", "manage", "leaving-no-trace"})


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


ENGLISH_FIELDS = ("title_en", "summary_en", "body_en")
MARKDOWN_EDITOR = {"data-markdown-editor": "", "rows": 14}


class ArticleForm(forms.ModelForm):
    """Staff form. Validates and normalises only; saving and publishing are
    portal.actions.article_save. English is optional (all of it or none); the
    address is made from the Japanese title when left empty."""

    slug = forms.CharField(
        label=_("Address (slug)"),
        required=False,
        max_length=80,
        help_text=_(
            "Leave empty to make it from the Japanese title (in romaji). "
            "Lowercase letters, digits and hyphens."
        ),
    )

    audiences = forms.MultipleChoiceField(
        label=_("Audiences"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one audience.")},
    )
    municipality = MunicipalityChoiceField(
        label=_("Local article for"),
        required=False,
        empty_label=_("The whole prefecture"),
        help_text=_("A local article is shown first to residents who choose this municipality."),
        error_messages=MUNICIPALITY_ERRORS,
    )
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Leave empty to publish now. A future time schedules the article."),
    )

    class Meta:
        model = Article
        fields = [
            "slug",
            "title_ja",
            "title_en",
            "summary_ja",
            "summary_en",
            "body_ja",
            "body_en",
            "audiences",
            "municipality",
            "publish_at",
        ]
        widgets = {
            "summary_ja": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "body_ja": forms.Textarea(attrs=MARKDOWN_EDITOR),
            "body_en": forms.Textarea(attrs=MARKDOWN_EDITOR),
        }
        help_texts = {
            "body_ja": _(
                "Markdown: ## heading, **bold**, - list, [link](https://...), ![describe the image](/media/...). HTML is not allowed; every image needs a description."
            ),
            "body_en": _("Markdown, as above. Every image needs a description (alt text)."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.role == Role.MUNICIPAL_STAFF:
            # Municipal staff write only local articles of their own municipality.
            del self.fields["municipality"]

    def clean_slug(self):
        """Typed spaces become hyphens and Japanese becomes romaji, so whatever
        staff type ends up as a valid address; empty stays empty (see clean)."""
        typed = unicodedata.normalize("NFKC", self.cleaned_data.get("slug") or "").strip()
        if not typed:
            return ""
        slug = re.sub(r"[\s_]+", "-", typed.lower())
        if not slug.isascii():
            slug = slugs.from_title(typed)
        slug = re.sub(r"-{2,}", "-", slug).strip("-")
        try:
            validate_slug(slug)
        except forms.ValidationError:
            raise forms.ValidationError(
                _(
                    "Use only lowercase letters, digits and hyphens in the address, e.g. kaigo-to-shigoto."
                )
            ) from None
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(
                _("This address is used by another page. Please choose another.")
            )
        return slug

    def clean(self):
        data = super().clean()
        if not data.get("slug") and data.get("title_ja") and "slug" not in self.errors:
            # Slugs are unique across every article, whoever may see them.
            others = Article.objects.unscoped().exclude(pk=self.instance.pk)
            data["slug"] = slugs.unique(
                slugs.from_title(data["title_ja"]),
                lambda s: s in RESERVED_SLUGS or others.filter(slug=s).exists(),
            )
        english = {name: (data.get(name) or "").strip() for name in ENGLISH_FIELDS}
        if english["title_en"]:
            for name in ("summary_en", "body_en"):
                if not english[name] and name not in self.errors:
                    self.add_error(
                        name,
                        _(
                            "With an English title, write the English text too "
                            "(or leave all English fields empty)."
                        ),
                    )
        elif english["summary_en"] or english["body_en"]:
            self.add_error(
                "title_en",
                _("Add the English title too, or leave all English fields empty."),
            )
        return data

    def _clean_body(self, name):
        text = self.cleaned_data.get(name, "")
        if markdown.images_without_alt(text):
            raise forms.ValidationError(
                _(
                    "Every image needs alt text: write a short description between the square brackets, as in ![a carer and a nurse talking](...)."
                ),
                code="image_without_alt",
            )
        return text

    def clean_body_ja(self):
        return self._clean_body("body_ja")

    def clean_body_en(self):
        return self._clean_body("body_en")

    def clean_publish_at(self):
        value = self.cleaned_data.get("publish_at")
        if value and value.year < 2000:
            raise forms.ValidationError(_("Please enter a realistic date."))
        return value

    def is_scheduled(self):
        value = self.cleaned_data.get("publish_at")
        return bool(value and value > timezone.now())
