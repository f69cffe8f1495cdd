-- socialcare.scorecard(), long form, digested like the plain variant
SELECT count(*), md5(string_agg(concat_ws('|', kpi, month, change_direction, average_direction, vs_statistical_neighbours,
                                          vs_england, vs_region, rag, sparkline), ',' ORDER BY kpi, month))
FROM socialcare.scorecard(:'as_at', :months);
