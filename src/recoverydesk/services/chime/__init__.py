"""CHIME (issue 23): recovery tags on notes, goals, steps reached and WRAP items, suggested from a
transparent cue list and accepted by the coach; turning points and tagged moments over time for
the Recovery story; measures (the QPR) from a coach-loaded template. types.py is the contract
and the pure rules; service.py the use cases; targets.py what a tag sits on; cuebook.py the cue
list in use; story.py turning points and quarters; measure_rules.py and measures.py the
template measures; glance.py the Overview line; search_hits.py what the search finds by tag;
story_types.py and story_agreement.py the recovery story agreed with the participant (kept, never
changed; ``services.chime.stories``), printed by services/printing/story_parts.py."""
