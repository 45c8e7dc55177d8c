-- The country each article is mainly about: the country code its resolved places name most
-- often (ties broken by the earliest mention). Used to give counts and dates a country.
CREATE OR REPLACE VIEW article_country AS
SELECT article_id, country_code
FROM (
    SELECT
        article_id,
        country_code,
        row_number() OVER (
            PARTITION BY article_id ORDER BY count(*) DESC, min(char_start), country_code
        ) AS rank
    FROM places
    WHERE country_code IS NOT NULL
    GROUP BY article_id, country_code
)
WHERE rank = 1;
