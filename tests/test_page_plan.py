"""``fit.page_breaks``: where the pages of a form printed over several start. Rows flow onto a page
until the next would overflow it, as Excel and LibreOffice break a sheet, the header rows repeated
on every later page; the block at the form's foot (last indicator row, 总分, 说明, signatures, 注)
is never split and never left without an indicator row above it."""

from __future__ import annotations

from jixiao.excel.fit import page_breaks


def rows(n: int, h: float = 10.0, **other: float) -> dict[int, float]:
    heights = {r: h for r in range(1, n + 1)}
    heights.update({int(k[1:]): v for k, v in other.items()})
    return heights


def pages(heights, breaks, first, last):
    """The rows of each page, for reading a failure."""
    starts = [first, *breaks, last + 1]
    return [list(range(a, b)) for a, b in zip(starts, starts[1:])]


def test_rows_flow_onto_a_page_until_the_next_overflows():
    assert page_breaks(rows(10), 1, 10, room=35) == [4, 7, 10]
    assert page_breaks(rows(10), 1, 10, room=100) == []
    assert page_breaks(rows(10), 1, 10, room=40) == [5, 9]  # a row that just fits stays


def test_the_repeated_header_takes_room_on_every_later_page():
    # row 2 is the header: pages after the first hold it and two rows more
    assert page_breaks(rows(10), 1, 10, room=30, titles=(2, 2)) == [4, 6, 8, 10]


def test_a_row_taller_than_a_page_is_a_page_of_its_own():
    assert page_breaks(rows(5, r3=80), 1, 5, room=35) == [3, 4]


def test_the_foot_left_alone_on_a_page_takes_the_last_indicator_row_with_it():
    # rows 1-8 indicators, 9-10 the foot; a page of 80 holds rows 1-8 and breaks before the 总分 row
    h = rows(10)
    assert page_breaks(h, 1, 10, room=80) == [9]
    breaks = page_breaks(h, 1, 10, room=80, keep_from=8)
    assert breaks == [8], pages(h, breaks, 1, 10)


def test_a_foot_split_over_two_pages_moves_whole_to_the_next():
    # the foot is rows 7-10 (last indicator 7); a page of 85 ends after row 8, inside it
    h = rows(10)
    assert page_breaks(h, 1, 10, room=85) == [9]
    assert page_breaks(h, 1, 10, room=85, keep_from=7) == [7]


def test_a_foot_that_fits_where_it_falls_moves_nothing():
    h = rows(20)
    plain = page_breaks(h, 1, 20, room=70, titles=(1, 1))
    assert plain == [8, 14, 20]
    # keep rows 15-19: with the header they fill the third page (rows 14-19) as they fall
    assert page_breaks(h, 1, 19, room=70, titles=(1, 1), keep_from=15) == [8, 14]


def test_the_page_of_the_foot_repeats_the_header_and_the_rows_before_it_flow_as_before():
    h = rows(30)
    breaks = page_breaks(h, 1, 30, room=100, titles=(2, 2), keep_from=25)
    assert breaks == [11, 20, 25]
    # the block's page: the header (10) and rows 25-30 (60); every page within its room
    for page in pages(h, breaks, 1, 30)[1:]:
        assert 10 + sum(h[r] for r in page) <= 100


def test_a_foot_taller_than_a_page_flows_like_other_rows():
    h = rows(12)
    assert page_breaks(h, 1, 12, room=40, keep_from=3) == page_breaks(h, 1, 12, room=40) == [5, 9]


def test_a_foot_at_the_top_of_a_page_gets_no_second_break():
    assert page_breaks(rows(10), 1, 10, room=60, keep_from=7) == [7]


def test_a_heading_never_ends_a_page():
    """A list's heading rows (the 清单's “（一）…工作表”) go over with the rows they head: a page
    that would end on one — or on two, a part's heading over a form's — starts with them instead."""
    h = rows(10)
    assert page_breaks(h, 1, 10, room=40) == [5, 9]
    assert page_breaks(h, 1, 10, room=40, heads={4}) == [4, 8]
    assert page_breaks(h, 1, 10, room=40, heads={3, 4}) == [3, 7]
    # the repeated header counts on the page the heading opens: header 1, rows 2-3-4 fill a page of 40
    assert page_breaks(h, 1, 10, room=40, titles=(1, 1), heads={7}) == [5, 7, 10]
    # a page of headings only cannot be helped: the heading stays where the page began
    assert page_breaks(h, 1, 10, room=20, heads={1, 2, 3}) == [3, 5, 7, 9]


def test_the_last_indicators_group_goes_with_the_foot():
    """The 部门整体表 of 子洲县: “效果/履职效益” is rows 29-30 (社会效益, 满意度), the foot from the last
    indicator row 30. The foot was kept with 满意度 alone, 社会效益 left on the page before, the
    merged “效果 20 履职效益 20” split over two pages; now the group goes over whole."""
    h = rows(12)                     # rows 1-8 indicators, 7-8 one 二级 group, 9-12 the foot
    assert page_breaks(h, 1, 12, room=75, keep_from=8) == [8]
    assert page_breaks(h, 1, 12, room=75, keep_from=8, joined={8}) == [7]
    # a group with more rows than a quarter of a page would move keeps the old split
    assert page_breaks(h, 1, 12, room=75, keep_from=8, joined={4, 5, 6, 7, 8}) == [8]


def test_a_page_does_not_start_inside_a_group_when_little_is_moved():
    h = rows(10)
    assert page_breaks(h, 1, 10, room=40) == [5, 9]
    assert page_breaks(h, 1, 10, room=40, joined={5}) == [4, 8]      # rows 4-5 one group: together
    # rows 2-5 a group: moving rows 2-4 would empty three quarters of the page, so it is split
    assert page_breaks(h, 1, 10, room=40, joined={3, 4, 5}) == [5, 9]
    # a group that began the page and is taller than it flows on
    assert page_breaks(h, 1, 10, room=40, joined=set(range(2, 11))) == [5, 9]


def test_a_page_starts_at_a_level1_block_where_it_fits_whole():
    """A 一级指标 merged over rows on two pages printed its name on one of them only (“过程 40” of the
    子洲 form): a page that would start inside a 一级 block starts at its first row where the block
    fits on a page and the page before is left at most half empty."""
    h = rows(10)
    assert page_breaks(h, 1, 10, room=40) == [5, 9]
    assert page_breaks(h, 1, 10, room=40, blocks={5, 6}) == [4, 8]        # rows 4-6 one block: whole
    # rows 2-5 one block: moving rows 2-4 would leave page 1 three quarters empty, so it is split
    assert page_breaks(h, 1, 10, room=40, blocks={3, 4, 5}) == [5, 9]
    # two pages either way: rows 3-7 whole would leave page 1 a third full; rows 4-8 (five sixths of a page, a large
    # block: ``fit.block_slack``) whole would leave it half empty, more than the quarter a large block may (s67: a page
    # 1 of the 部门整体表 a third empty under “投入”), so the page starts inside it, the block's name repeated there
    assert page_breaks(rows(8), 1, 8, room=60, blocks={5, 6, 7, 8}) == [7]
    assert page_breaks(rows(8), 1, 8, room=60, blocks={4, 5, 6, 7}) == [7]
    # a small block (rows 5-7, half a page) may still leave a third of the page empty to go over whole
    assert page_breaks(rows(10), 1, 10, room=60, blocks={6, 7}) == [5]
    # a large block (rows 7-12 of a page of 8) goes over whole where that leaves a quarter of the page empty
    assert page_breaks(rows(14), 1, 14, room=80, blocks={8, 9, 10, 11, 12}) == [7]
    assert page_breaks(rows(14), 1, 14, room=80, blocks={7, 8, 9, 10, 11, 12}) == [9]   # rows 6-12: three eighths
    # rows 2-6 one block, taller than a page: split
    assert page_breaks(h, 1, 10, room=40, blocks={3, 4, 5, 6}) == [5, 9]
    # the 一级 block first, before the 二级 group inside it (rows 5-6)
    assert page_breaks(h, 1, 10, room=40, blocks={5, 6}, joined={6}) == [4, 8]


def test_level1_blocks_are_split_where_keeping_them_whole_takes_a_page_more():
    """23 tall indicators: 产出 and 效果 each whole on a page of its own printed 6 pages, split 5."""
    h = rows(10)
    assert page_breaks(h, 1, 10, room=40, blocks={4, 5, 7, 8, 9}) == [5, 9]  # whole: [3, 6, 10]


def test_the_last_level1_block_goes_with_the_foot():
    h = rows(12)                     # rows 1-8 indicators, 6-8 one 一级 block, 9-12 the foot
    assert page_breaks(h, 1, 12, room=75, keep_from=8) == [8]
    assert page_breaks(h, 1, 12, room=75, keep_from=8, blocks={7, 8}) == [6]


def test_a_merged_label_cut_by_a_page_break_is_repeated_on_each_page():
    """``printout.split_merges``: the cells of the named columns merged over a row a page starts at
    are split there, each part holding the label with its style; other merges stay."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from jixiao.excel.printout import split_merges

    ws = Workbook().active
    for rng, value in (("A11:A20", "过程"), ("B11:B20", 40), ("C11:C14", "预算执行"), ("C15:C20", "预算管理"),
                       ("E11:E20", "其他")):
        ws.merge_cells(rng)
        ws[rng.split(":")[0]].value = value
    ws["A11"].font = Font(bold=True)
    split_merges(ws, [15, 18], "ABC")
    merged = sorted(str(m) for m in ws.merged_cells.ranges)
    assert merged == sorted(["A11:A14", "A15:A17", "A18:A20", "B11:B14", "B15:B17", "B18:B20", "C11:C14",
                             "C15:C17", "C18:C20", "E11:E20"])
    assert [ws[f"A{r}"].value for r in (11, 15, 18)] == ["过程"] * 3 and ws["B18"].value == 40
    assert ws["C18"].value == "预算管理" and ws["A15"].font.bold


def test_a_group_too_tall_to_go_with_the_foot_is_not_left_in_part_on_a_page_of_its_own():
    """The 部门整体表 with a long 扣分原因 on 社会效益 (row 7, its group 7-8 with 满意度): group and foot
    fit no page together, so the foot kept 满意度 and 社会效益 printed alone on a page (a third of it),
    the merged “效果 履职效益” on both. The group now prints whole and the foot starts the next page,
    where that takes no page more: under the 总分 (row 9), which stays under the group's rows where it
    fits there (session 59: it began the next page, under the repeated headings alone), else from it."""
    h = rows(12, r7=40)              # rows 1-8 indicators, 7-8 one group, 9 the 总分, 9-12 the foot
    assert page_breaks(h, 1, 12, room=75, keep_from=8) == [7, 8]
    assert page_breaks(h, 1, 12, room=75, keep_from=8, joined={8}) == [7, 10]
    h = rows(12, r7=60)              # the 总分 does not fit under the group: the foot from it
    assert page_breaks(h, 1, 12, room=75, keep_from=8, joined={8}) == [7, 9]
    # a page holding more than the group's first row keeps the rule: the foot under an indicator row
    h = rows(12, r5=40, r7=20)       # page 2 is rows 5-7
    assert page_breaks(h, 1, 12, room=70, keep_from=8, joined={8}) == [5, 8]
    h = rows(12, r6=30, r7=30)       # rows 6-8 one group, 6-7 on page 2
    assert page_breaks(h, 1, 12, room=70, keep_from=8, joined={7, 8}) == [6, 8]
