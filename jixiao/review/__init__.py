"""财政局复核: a folder of returned workbooks in; a 复核台账, per-department return lists
and the consolidated 汇总表 out (``jixiao review``)."""
