-- socialcare.scorecard_wide(): the seed's layout, one row per KPI
SELECT count(*), md5(string_agg(concat_ws('|', kpi, shown, change_arrow, average_arrow, rag, sparkline), ',')) FROM socialcare.scorecard_wide(:'as_at', :months);
