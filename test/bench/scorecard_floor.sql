-- floor: read the window's values with their KPIs, sorted, and nothing else
SELECT count(*), sum(v.value) FROM (
	SELECT k.code, v.month, v.value
	FROM socialcare.kpi k JOIN socialcare.kpi_value v ON v.kpi = k.code
	WHERE v.month > date :'as_at' - make_interval(months => :months) AND v.month <= :'as_at'
	ORDER BY k.sort_order, k.code, v.month) AS v;
