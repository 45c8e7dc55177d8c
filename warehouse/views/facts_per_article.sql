-- One row per article with how many facts of each kind were loaded for it.
CREATE OR REPLACE VIEW facts_per_article AS
SELECT
    a.article_id,
    a.title,
    a.published,
    (SELECT count(*) FROM dates d WHERE d.article_id = a.article_id) AS dates,
    (SELECT count(*) FROM counts c WHERE c.article_id = a.article_id) AS counts,
    (SELECT count(*) FROM places p WHERE p.article_id = a.article_id) AS places
FROM articles a;
