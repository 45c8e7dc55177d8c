-- KILL counts by the country their article is about: how many reports, and the largest
-- and total reported figures (lower bounds where the text says "at least"/"more than").
CREATE OR REPLACE VIEW kill_counts_by_country AS
SELECT
    ac.country_code,
    count(*) AS reports,
    count(DISTINCT c.article_id) AS articles,
    max(coalesce(c.value_low, c.value)) AS largest,
    sum(coalesce(c.value_low, c.value)) AS total
FROM counts c
JOIN article_country ac USING (article_id)
WHERE c.category = 'KILL' AND c.value IS NOT NULL
GROUP BY ac.country_code;
