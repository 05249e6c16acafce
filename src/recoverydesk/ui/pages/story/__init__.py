"""The Recovery story tab (issue 23): the participant's CHIME story in their own words."""

from recoverydesk.ui.pages.story.page import StoryPage

__all__ = ["StoryPage"]
