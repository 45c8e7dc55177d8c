-- Facts per place per month: how often each resolved place is mentioned, by the month the
-- article was published.
CREATE OR REPLACE VIEW place_month AS
SELECT
    p.geonameid,
    any_value(p.name) AS name,
    any_value(p.feature) AS feature,
    any_value(p.country_code) AS country_code,
    date_trunc('month', a.published)::DATE AS month,
    count(*) AS mentions,
    count(DISTINCT p.article_id) AS articles
FROM places p
JOIN articles a USING (article_id)
WHERE p.geonameid IS NOT NULL
GROUP BY p.geonameid, month;
