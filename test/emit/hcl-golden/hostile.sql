-- golden: names and texts that must be escaped (quotes, backslashes, templates, heredoc delimiters)
CREATE SCHEMA "My Schema";
CREATE ROLE "Weird ""Role""";
CREATE TABLE "My Schema"."Table ${x}" ("col %{y}" text DEFAULT 'a"b\c', "2nd" int, "quo""te" int CHECK ("quo""te" > 0));
COMMENT ON TABLE "My Schema"."Table ${x}" IS 'multi
line ${with} %{templates} and "quotes" and \backslash
SQL
';
GRANT SELECT ("col %{y}", "2nd") ON "My Schema"."Table ${x}" TO "Weird ""Role""";
CREATE TABLE public."Table ${x}" (id int);
CREATE FUNCTION "My Schema".f() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN '${not a template}';
END;
SQL
$$;
CREATE FUNCTION "My Schema".g() RETURNS text LANGUAGE sql AS $$
    SELECT 'indented'
$$;
