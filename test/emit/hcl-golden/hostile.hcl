schema "My Schema" {}

schema "public" {
  comment = "standard public schema"
  owner   = ref("role.pg_database_owner")
}

role "Weird \"Role\"" {}

table "Table $${x}" {
  schema = schema["My Schema"]
  comment = <<-SQL1
    multi
    line $${with} %%{templates} and "quotes" and \backslash
    SQL
  SQL1

  column "col %%{y}" {
    type    = text
    null    = true
    default = sql("E'a\"b\\\\c'::text")
  }

  column "2nd" {
    type = integer
    null = true
  }

  column "quo\"te" {
    type = integer
    null = true
  }

  check "Table $${x}_quo\"te_check" {
    expr = "\"quo\"\"te\" > 0"
  }
}

table "Table $${x}" {
  schema = schema.public

  column "id" {
    type = integer
    null = true
  }
}

function "f" {
  schema = schema["My Schema"]
  lang   = PLpgSQL
  return = text
  as = <<-SQL1

    BEGIN
      RETURN '$${not a template}';
    END;
    SQL
  SQL1
}

function "g" {
  schema = schema["My Schema"]
  lang   = SQL
  return = text
  as     = "\n    SELECT 'indented'\n"
}

permission {
  to         = PUBLIC
  for        = schema.public
  privileges = [USAGE]
}

permission {
  to         = role["Weird \"Role\""]
  for        = table["My Schema"]["Table $${x}"]
  privileges = [SELECT]
  columns    = [table["My Schema"]["Table $${x}"].column["col %%{y}"], table["My Schema"]["Table $${x}"].column["2nd"]]
}

permission {
  to         = PUBLIC
  for        = function.f
  privileges = [EXECUTE]
}

permission {
  to         = PUBLIC
  for        = function.g
  privileges = [EXECUTE]
}
