from __future__ import annotations

from python_detection import detect

from codedoc.model import ModelField, Relation

POLLS = '''
import datetime

from django.db import models
from django.utils import timezone


class Question(models.Model):
    """A poll question."""

    question_text = models.CharField(max_length=200)
    pub_date = models.DateTimeField("date published")

    def was_published_recently(self):
        return self.pub_date >= timezone.now() - datetime.timedelta(days=1)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE)
    choice_text = models.CharField(max_length=200, help_text="What voters see.")
    votes = models.IntegerField(default=0)
'''


def test_django_models_fields_and_default_table_names() -> None:
    facts = detect(POLLS, path="polls/models.py")
    question, choice = facts.data_models
    assert (question.name, question.qualname, question.table, question.framework) == (
        "Question",
        "polls.models.Question",
        "polls_question",
        "django",
    )
    assert question.docstring == "A poll question."
    assert [f.name for f in question.fields] == ["question_text", "pub_date"]
    assert choice.fields == (
        ModelField("question", "ForeignKey", None, False, False),
        ModelField("choice_text", "CharField", None, False, False, "What voters see."),
        ModelField("votes", "IntegerField", "0", False, False),
    )


def test_django_relation_fields_become_relations() -> None:
    facts = detect(
        """
        from django.db import models

        class Person(models.Model):
            name = models.CharField(max_length=50)
            manager = models.ForeignKey("self", null=True, on_delete=models.SET_NULL)
            profile = models.OneToOneField("accounts.Profile", on_delete=models.CASCADE)
            groups = models.ManyToManyField(to="Group", blank=True)

            class Meta:
                db_table = "people"
        """,
        path="staff/models.py",
    )
    (person,) = facts.data_models
    assert person.table == "people"
    assert person.relations == (
        Relation("manager", "Person", "foreign_key"),
        Relation("profile", "Profile", "one_to_one"),
        Relation("groups", "Group", "many_to_many"),
    )
    assert [f.nullable for f in person.fields] == [False, True, False, False]


def test_django_abstract_base_fields_are_inherited_and_base_is_not_a_table() -> None:
    facts = detect(
        """
        from django.db import models

        class CommonInfo(models.Model):
            name = models.CharField(max_length=100)

            class Meta:
                abstract = True

        class Student(CommonInfo):
            home_group = models.CharField(max_length=5)
        """,
        path="school/models.py",
    )
    assert [(m.name, [f.name for f in m.fields]) for m in facts.data_models] == [("Student", ["name", "home_group"])]


def test_django_managers_and_methods_are_not_fields() -> None:
    facts = detect(
        """
        from django.db import models

        class Book(models.Model):
            title = models.CharField(max_length=100)
            objects = models.Manager()
            CATEGORY = "x"
        """,
        path="library/models/book.py",
    )
    (book,) = facts.data_models
    assert [f.name for f in book.fields] == ["title"]
    assert book.table == "library_book"


def test_django_model_with_imported_abstract_base_is_recognised_by_its_fields() -> None:
    facts = detect(
        """
        from django.db import models
        from core.models import TimeStampedModel

        class Post(TimeStampedModel):
            title = models.CharField(max_length=200)
            author = models.ForeignKey("auth.User", on_delete=models.CASCADE)
        """,
        path="blog/models.py",
    )
    assert [(m.name, m.table) for m in facts.data_models] == [("Post", "blog_post")]
    assert facts.data_models[0].relations == (Relation("author", "User", "foreign_key"),)


def test_django_form_classes_are_not_models() -> None:
    facts = detect(
        """
        from django import forms

        class ContactForm(forms.Form):
            subject = forms.CharField(max_length=100)
            sender = forms.EmailField()
        """,
        path="contact/forms.py",
    )
    assert facts.data_models == ()
