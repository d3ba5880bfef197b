"""The simulated history: children, their CIN episodes, periods of care and the workforce."""

from __future__ import annotations


class Referral:
    """One CIN episode: a referral and everything that happened until it closed."""

    __slots__ = ("start", "source", "nfa", "need", "close", "reason", "assessments", "s47s",
                 "cin_plans", "cp_plans", "team")

    def __init__(self, start: int, source: str):
        self.start = start
        self.source = source
        self.nfa = False
        self.need: str | None = None
        self.close: int | None = None
        self.reason: str | None = None
        # (start, authorised or None, factors)
        self.assessments: list[list] = []
        # (start, target, icpc date or None, icpc not required)
        self.s47s: list[list] = []
        # [start, end or None]
        self.cin_plans: list[list] = []
        # [start, end, initial category, latest category, previous plans, [review dates]]
        self.cp_plans: list[list] = []
        self.team = ""


class Period:
    """One period of care: episodes, reviews, missing episodes and how it ended."""

    __slots__ = ("start", "end", "rec", "episodes", "reviews", "missing", "adoption", "prev_perm",
                 "route", "uasc")

    def __init__(self, start: int):
        self.start = start
        self.end: int | None = None
        self.rec: str | None = None
        # [decom, rne, ls, cin, place, provider, dec, rec, reason_place_change, pl_index, urn]
        self.episodes: list[list] = []
        self.reviews: list[int] = []
        # [type, start, end]
        self.missing: list[list] = []
        # dict with date_int, date_match, date_placed_ceased, foster_care, nb, sex, ls
        self.adoption: dict | None = None
        self.prev_perm: tuple = ("Z1", "", None)
        self.route = ""
        self.uasc = False


class Child:
    __slots__ = ("idx", "cid", "sex", "dob", "ethnic", "upn", "disabilities", "home", "area", "uasc",
                 "duc", "referrals", "periods", "mother_dob", "contacts", "early_help", "allocations",
                 "prior_cpp", "leaver_pa_until")

    def __init__(self, idx: int):
        self.idx = idx
        self.cid = ""
        self.sex = "M"
        self.dob = 0
        self.ethnic = "WBRI"
        self.upn = ""
        self.disabilities: list[str] = []
        self.home = 0
        self.area = "North"
        self.uasc = False
        self.duc: int | None = None
        self.referrals: list[Referral] = []
        self.periods: list[Period] = []
        self.mother_dob: int | None = None
        # (date, source, outcome)
        self.contacts: list[tuple] = []
        # [team, start, assessment completed, end, end reason]
        self.early_help: list[list] = []
        # [worker, team, type, start, end]
        self.allocations: list[list] = []
        self.prior_cpp = 0
        self.leaver_pa_until: int | None = None


class Team:
    __slots__ = ("team_id", "name", "service", "area", "workers", "worse", "better", "key")

    def __init__(self, team_id: str, name: str, service: str, area: str, key):
        self.team_id = team_id
        self.name = name
        self.service = service
        self.area = area
        self.workers: list[str] = []
        self.worse: list[str] = []
        self.better: list[str] = []
        self.key = key
