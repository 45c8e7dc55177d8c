-- Articles mentioning a place within `km` kilometres of a point (great-circle distance):
--   SELECT * FROM places_within(35.65, 36.67, 50);
CREATE OR REPLACE MACRO places_within(lat, lon, km) AS TABLE
SELECT *
FROM (
    SELECT
        p.article_id,
        p.mention_id,
        p.surface,
        p.name,
        p.geonameid,
        2 * 6371.0088 * asin(sqrt(
            pow(sin(radians(p.latitude - lat) / 2), 2)
            + cos(radians(lat)) * cos(radians(p.latitude))
            * pow(sin(radians(p.longitude - lon) / 2), 2)
        )) AS distance_km
    FROM places p
    WHERE p.latitude IS NOT NULL
)
WHERE distance_km <= km;
