"""What a write touched, so each page refreshes only when its data changed."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChangeSet:
    # Entity kinds, for example {"participant", "strength"}; "*" means everything (a new file).
    entities: frozenset[str] = field(default_factory=frozenset)
    # The participants whose data changed; empty means practice-wide or unknown.
    participant_ids: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *entities: str, participant_id: int | None = None) -> ChangeSet:
        ids = frozenset() if participant_id is None else frozenset({participant_id})
        return cls(frozenset(entities), ids)

    @classmethod
    def everything(cls) -> ChangeSet:
        return cls(frozenset({"*"}))

    def touches(self, *entities: str, participant_id: int | None = None) -> bool:
        if "*" not in self.entities and not self.entities.intersection(entities):
            return False
        if participant_id is None or not self.participant_ids:
            return True
        return participant_id in self.participant_ids

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(self.entities | other.entities, self.participant_ids | other.participant_ids)
