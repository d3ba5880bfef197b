"""Spec tests for the social workers rules (``clearsight.rules.ssda903.social_workers``)."""

from clearsight.rules.ssda903.social_workers import (
    SW01,
    SW02,
    SW03,
    SW04,
    SW05,
    SW06,
    SW07,
    SW08,
    SW09,
    SW10,
    SW12,
    SW13,
    SW14,
    SW17,
    SW18,
    SW19,
    SW01a,
    SW01b,
    SW10a,
    SW10b,
    SW11a,
    SW11b,
)
from clearsight.rules.testing import flagged


def sw(child, decom="01/06/2024", dec="", sw_id="SW001", reason="MANAGE"):
    return {"CHILD": child, "DOB": "01/01/2015", "SW_ID": sw_id, "SW_DECOM": decom, "SW_DEC": dec, "SW_REASON": reason}


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/01/2023", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def test_sw01_2023_24_a_child_in_care_on_31_march_has_social_worker_details():
    episodes = [ep("A"), ep("B"), ep("C"), ep("D", DEC="01/01/2024", REC="E11"), ep("E", LS="V3")]
    workers = [sw("A", "01/06/2023"),
               sw("B", "01/06/2023", reason=""), sw("B", "01/09/2023", sw_id=""),   # each item somewhere: fine
               sw("C", "", sw_id="", reason="")]
    assert flagged(SW01, "2023-24", {"Episodes": episodes, "SWEpisodes": workers}) == {("Episodes", 2, "C")}


def test_sw01a_sw01b_2024_25_complete_social_worker_episodes():
    rows = [sw("A", "01/06/2022", sw_id="", reason=""),     # before April 2023: needs an ID
            sw("B", "01/06/2022", reason=""),               # before April 2023: reason may be blank
            sw("C", "01/04/2023", reason=""),               # from April 2023: needs a reason
            sw("D", "01/04/2023"),
            sw("E", "")]                                    # a start date is always needed
    assert flagged(SW01a, "2024-25", {"SWEpisodes": rows}) == {("SWEpisodes", 0, "A"), ("SWEpisodes", 4, "E")}
    assert flagged(SW01b, "2024-25", {"SWEpisodes": rows}) == {("SWEpisodes", 2, "C"), ("SWEpisodes", 4, "E")}


def test_sw02_social_worker_id_starts_sw_or_xx():
    rows = [sw("A", sw_id="SW123"), sw("B", sw_id="XX1"), sw("C", sw_id="AB123"), sw("D", sw_id="")]
    assert flagged(SW02, "2024-25", {"SWEpisodes": rows}) == {("SWEpisodes", 2, "C"), ("SWEpisodes", 3, "D")}
    # From 2025-26 the ID is also at least 4 characters.
    assert flagged(SW02, "2025-26", {"SWEpisodes": rows}) == {
        ("SWEpisodes", 1, "B"), ("SWEpisodes", 2, "C"), ("SWEpisodes", 3, "D")}


def test_sw03_2023_24_every_item_given():
    rows = [sw("A", "01/06/2023"), sw("B", "01/06/2023", reason=""), sw("C", ""), sw("D", "31/06/2023")]
    assert flagged(SW03, "2023-24", {"SWEpisodes": rows}) == {("SWEpisodes", 1, "B"), ("SWEpisodes", 2, "C")}


def test_sw04_sw05_dates_must_be_dates():
    rows = [sw("A", "01/06/2024", "01/09/2024"), sw("B", "31/06/2024", "31/09/2024"),
            sw("C", "ZZ/06/2022", "ZZ/ZZ/2024"), sw("D", "", "")]
    assert flagged(SW04, "2025-26", {"SWEpisodes": rows}) == {("SWEpisodes", 1, "B"), ("SWEpisodes", 2, "C")}
    assert flagged(SW05, "2025-26", {"SWEpisodes": rows}) == {("SWEpisodes", 1, "B"), ("SWEpisodes", 2, "C")}
    # Until 2024-25 a date with unknown parts (ZZ) was accepted.
    assert flagged(SW04, "2024-25", {"SWEpisodes": rows}) == {("SWEpisodes", 1, "B")}
    assert flagged(SW05, "2024-25", {"SWEpisodes": rows}) == {("SWEpisodes", 1, "B")}


def test_sw06_sw07_dates_within_the_reporting_period():
    rows = [sw("A", "31/03/2025", ""), sw("B", "01/04/2025", ""),
            sw("C", "01/01/2023", "31/03/2023"), sw("D", "01/01/2023", "01/04/2023"),
            sw("E", "01/01/2023", "31/03/2024"), sw("F", "01/01/2025", "01/04/2025")]
    assert flagged(SW06, "2024-25", {"SWEpisodes": rows}) == {("SWEpisodes", 1, "B")}
    assert flagged(SW07, "2024-25", {"SWEpisodes": rows}) == {("SWEpisodes", 2, "C"), ("SWEpisodes", 5, "F")}
    # In 2023-24, the first year, the period is the collection year; from 2024-25 it starts a year earlier.
    assert flagged(SW07, "2023-24", {"SWEpisodes": rows}) == {("SWEpisodes", 2, "C"), ("SWEpisodes", 5, "F")}
    later = [sw("A", "01/01/2024", "31/03/2024"), sw("B", "01/01/2024", "01/04/2024"), sw("C", "01/01/2025", "01/06/2025")]
    assert flagged(SW07, "2025-26", {"SWEpisodes": later}) == {("SWEpisodes", 0, "A")}
    assert flagged(SW07, "2024-25", {"SWEpisodes": later}) == {("SWEpisodes", 2, "C")}


def test_sw08_sw14_only_the_last_episode_may_be_open():
    rows = [sw("A", "01/06/2024"), sw("A", "01/09/2024"),          # A's first episode never ended
            sw("B", "01/06/2024", "01/09/2024"), sw("B", "01/09/2024"),
            sw("C", "01/09/2024"), sw("C", "01/06/2024", "01/09/2024")]   # order is by start date, not file
    assert flagged(SW08, "2024-25", {"SWEpisodes": rows}) == {("SWEpisodes", 0, "A")}
    assert flagged(SW14, "2023-24", {"SWEpisodes": [sw("A", "01/06/2023"), sw("A", "01/09/2023"),
                                                    sw("B", "01/06/2023", "01/09/2023"), sw("B", "01/09/2023")]}) == {
        ("SWEpisodes", 0, "A")}


def test_sw09_an_episode_ends_after_the_day_it_starts():
    rows = [sw("A", "01/06/2024", "01/06/2024"), sw("B", "01/06/2024", "02/06/2024"), sw("C", "01/06/2024", "")]
    assert flagged(SW09, "2024-25", {"SWEpisodes": rows}) == {("SWEpisodes", 0, "A")}


def test_sw10_next_episode_starts_within_7_days_of_the_last_ending():
    rows = [sw("A", "01/06/2024", "01/09/2024"), sw("A", "08/09/2024"),                   # 7 days: fine
            sw("B", "01/06/2024", "01/09/2024"), sw("B", "09/09/2024"),                   # 8 days
            sw("C", "01/06/2024", "01/09/2024"), sw("C", "20/09/2024", reason="FCONTA"),  # first contact
            sw("D", "01/06/2024"), sw("D", "01/09/2024", reason="FCONTA")]               # D's first still open
    assert flagged(SW10, "2024-25", {"SWEpisodes": rows}) == {("SWEpisodes", 3, "B")}
    assert flagged(SW10a, "2025-26", {"SWEpisodes": rows}) == {("SWEpisodes", 3, "B")}
    # In 2023-24 a first contact was not exempt.
    assert flagged(SW10, "2023-24", {"SWEpisodes": rows}) == {
        ("SWEpisodes", 3, "B"), ("SWEpisodes", 5, "C"), ("SWEpisodes", 7, "D")}


def test_sw10b_first_contact_starts_after_the_previous_episode_ended():
    rows = [sw("A", "01/06/2025", "01/09/2025"), sw("A", "01/09/2025", reason="FCONTA"),
            sw("B", "01/06/2025", "01/09/2025"), sw("B", "02/09/2025", reason="FCONTA"),
            sw("C", "01/06/2025", "01/09/2025"), sw("C", "01/08/2025", "05/08/2025")]
    assert flagged(SW10b, "2025-26", {"SWEpisodes": rows}) == {("SWEpisodes", 1, "A")}


def test_sw11a_2023_24_an_ended_episode_is_followed_within_5_days():
    rows = [sw("A", "01/06/2023", "01/09/2023"), sw("A", "06/09/2023"),   # 5 days later: fine
            sw("B", "01/06/2023", "01/09/2023"), sw("B", "07/09/2023"),   # 6 days later
            sw("C", "01/06/2023", "27/03/2024"),                          # ended in the last 5 days: SW11b's
            sw("D", "01/06/2023", "25/03/2024")]                          # ended 6 days before, none after
    assert flagged(SW11a, "2023-24", {"SWEpisodes": rows}) == {("SWEpisodes", 2, "B"), ("SWEpisodes", 5, "D")}


def test_sw11b_an_episode_ending_in_the_last_5_days_is_followed():
    rows = [sw("A", "01/06/2024", "26/03/2025"), sw("A", "27/03/2025"),
            sw("B", "01/06/2024", "26/03/2025"),
            sw("C", "01/06/2024", "25/03/2025"),
            sw("D", "01/06/2024", "31/03/2025")]
    assert flagged(SW11b, "2024-25", {"SWEpisodes": rows}) == {("SWEpisodes", 2, "B"), ("SWEpisodes", 4, "D")}


def test_sw12_a_child_in_care_on_31_march_has_the_whole_years_social_workers():
    episodes = [ep("A", DECOM="01/06/2024"),                                # social worker from before the year
                ep("B", DECOM="01/06/2024"),                                # social workers reported only from July
                ep("C", DECOM="01/06/2024"),                                # first contact in June: fine
                ep("D", DECOM="01/06/2024", DEC="01/08/2024", REC="E13"),   # not in care on 31 March
                ep("E", DECOM="01/06/2024"),                                # no social worker episodes at all
                ep("F", DECOM="01/06/2024")]                                # a social worker from 1 April exactly
    workers = [sw("A", "01/01/2024"), sw("B", "01/09/2024"), sw("B", "01/07/2024"),
               sw("C", "01/06/2024", reason="FCONTA"), sw("D", "01/07/2024"), sw("F", "01/04/2024")]
    assert flagged(SW12, "2024-25", {"Episodes": episodes, "SWEpisodes": workers}) == {
        ("SWEpisodes", 2, "B"), ("Episodes", 4, "E")}
    # Without any social worker rows the check is not made.
    assert flagged(SW12, "2024-25", {"Episodes": episodes}) == set()


def test_sw13_reason_valid_and_given_from_april_2023():
    rows = [sw("A"), sw("B", reason="BORED"), sw("C", reason=""), sw("D", "01/01/2023", reason="")]
    assert flagged(SW13, "2024-25", {"SWEpisodes": rows}) == {("SWEpisodes", 1, "B"), ("SWEpisodes", 2, "C")}
    assert flagged(SW13, "2023-24", {"SWEpisodes": rows}) == {
        ("SWEpisodes", 1, "B"), ("SWEpisodes", 2, "C"), ("SWEpisodes", 3, "D")}


def test_sw17_the_latest_episode_is_open():
    rows = [sw("A", "01/06/2025", "01/09/2025"), sw("A", "01/09/2025"),
            sw("B", "01/06/2025"), sw("B", "01/09/2025", "01/12/2025")]
    assert flagged(SW17, "2025-26", {"SWEpisodes": rows}) == {("SWEpisodes", 3, "B")}


def test_sw18_an_episode_ends_after_it_starts():
    rows = [sw("A", "01/06/2025", "02/06/2025"), sw("B", "01/06/2025", "01/06/2025"),
            sw("C", "01/06/2025", "31/05/2025"), sw("D", "01/06/2025")]
    assert flagged(SW18, "2025-26", {"SWEpisodes": rows}) == {("SWEpisodes", 1, "B"), ("SWEpisodes", 2, "C")}


def test_sw19_two_episodes_do_not_start_on_the_same_day():
    rows = [sw("A", "01/06/2025", "01/06/2025"), sw("A", "01/06/2025"), sw("B", "01/06/2025"), sw("C", ""),
            sw("C", "")]
    assert flagged(SW19, "2025-26", {"SWEpisodes": rows}) == {("SWEpisodes", 1, "A")}
