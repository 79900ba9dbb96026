"""The story page's extension points: its panels, its inlines and the steps a save may carry.

The story page is composed, not written as one class: each box of the page is a
`StoryPanel` (a template and a `context(request, article)`), shown in a *place* of the page
in the order of its `order`. Other apps contribute to the page through `story_page`, the
one registry, instead of the stories app importing them (sourcing registers its findings,
proposals, sources and attribution inlines from `sources/admin/story_panels.py`):

    story_page.register_panel(FindingsPanel())
    story_page.register_inlines(AttributionInline, CorrectionInline)
    story_page.register_save_step(SourcingSaveStep())
    story_page.register_story_parts("sources.attribution", "sources.correction")

Places: "form_top" (above the story form), "side" (the side column), "workflow" (inside
the side column's workflow box, between the state sentence and the action buttons) and
"below" (under the form: the history).
"""

from dataclasses import dataclass, field

PLACES = ("form_top", "side", "workflow", "below")


class StoryPanel:
    """One box of the story page. Subclasses set `template`, `place` and `order`, and
    return what their template reads from `context` (keys are shared by the whole page,
    so name them after the panel). A panel with no template only adds to the context."""

    name = ""
    template = ""
    place = "side"
    order = 100
    # Shown on the page of a story not saved yet (its context is then not asked for).
    on_new_story = False

    def context(self, request, article) -> dict:
        return {}


class StorySaveStep:
    """Something a button of the story form asks for besides saving the story (accepting
    a proposal, approving an anonymous source): done in the same save and revision.

    The story admin calls, for each registered step that `is_posted(request)`:
    `in_save(request, article)` inside the save's transaction (after the inlines are saved),
    `revision_comment(request)` for the revision, then `after_save(...)` after it; a save
    made by the step's button returns to `anchor(request)` on the page with `messages(request)`.
    """

    # Said when the story form could not be saved, so the step was not done either.
    not_done = ""

    def is_posted(self, request) -> bool:
        return False

    def in_save(self, request, article) -> None:
        pass

    def revision_comment(self, request) -> str:
        return ""

    def after_save(self, request, article, *, created: bool, changed_data) -> list:
        """(level, text) messages to show on any save, after Django's own."""
        return []

    def messages(self, request) -> list:
        """(level, text) messages after a save made by this step's button."""
        return []

    def anchor(self, request) -> str:
        return ""


@dataclass
class StoryPage:
    """The registry the story admin reads on every request."""

    panels: list[StoryPanel] = field(default_factory=list)
    inlines: list = field(default_factory=list)
    save_steps: list[StorySaveStep] = field(default_factory=list)
    # "app_label.model_name" of the models whose `article` field chooses a story.
    story_parts: set[str] = field(default_factory=set)

    def register_panel(self, panel: StoryPanel) -> StoryPanel:
        if panel.place not in PLACES:
            raise ValueError(
                f"The story panel {type(panel).__name__} has place {panel.place!r}: "
                f"choose one of {', '.join(PLACES)}."
            )
        if panel.name and any(p.name == panel.name for p in self.panels):
            raise ValueError(f"A story panel named {panel.name!r} is registered already.")
        self.panels.append(panel)
        self.panels.sort(key=lambda p: (PLACES.index(p.place), p.order))
        return panel

    def register_inlines(self, *inlines) -> None:
        self.inlines.extend(inline for inline in inlines if inline not in self.inlines)

    def register_save_step(self, step: StorySaveStep) -> StorySaveStep:
        self.save_steps.append(step)
        return step

    def register_story_parts(self, *labels: str) -> None:
        """Models ("app_label.model_name") whose `article` field chooses a story: their
        autocomplete offers only the stories the user may edit (their forms refuse others)."""
        self.story_parts.update(label.lower() for label in labels)

    def by_place(self, *, new_story: bool = False) -> dict[str, list[StoryPanel]]:
        """The panels to show, by place and in order (on a new story: only those for it)."""
        shown = [p for p in self.panels if p.on_new_story or not new_story]
        return {place: [p for p in shown if p.place == place and p.template] for place in PLACES}

    def context(self, request, article) -> dict:
        """Every panel's context for `article`'s page, and the panels themselves."""
        context = {"story_panels": self.by_place()}
        for panel in self.panels:
            context.update(panel.context(request, article))
        return context

    def posted_steps(self, request) -> list[StorySaveStep]:
        return [step for step in self.save_steps if step.is_posted(request)]


story_page = StoryPage()
