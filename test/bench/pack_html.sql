-- socialcare.scorecard_html(): the board pack, its length and digest
-- (generated_at fixed, so the digest is the same every run)
SELECT length(h), md5(h) FROM socialcare.scorecard_html(:'as_at', :months, generated_at => '2026-01-01 00:00+00') AS h;
