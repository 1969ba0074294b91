import { Type, type Static } from 'typebox';

const companyId = Type.Integer({ minimum: 1 });
const departmentId = Type.Optional(Type.Integer({ minimum: 1, description: 'Only this department and the ones below it' }));
const lang = Type.Optional(
  Type.String({ maxLength: 35, description: 'Language of the rule explanations (规则说明): zh-CN (default) or en; without it, the Accept-Language header decides' }),
);
const format = (allowed: string) => Type.Optional(Type.String({ maxLength: 10, description: `${allowed} (default xlsx)` }));

export const MonthlyQuery = Type.Object(
  {
    companyId,
    month: Type.String({ maxLength: 20, description: 'YYYY-MM' }),
    departmentId,
    format: format('xlsx | pdf | csv'),
  },
  { additionalProperties: false },
);

export const RangeQuery = Type.Object(
  {
    companyId,
    from: Type.String({ maxLength: 20, description: 'YYYY-MM-DD' }),
    to: Type.String({ maxLength: 20, description: 'YYYY-MM-DD, at most 93 days after from' }),
    departmentId,
    format: format('xlsx | pdf | csv'),
    lang,
  },
  { additionalProperties: false },
);

export const PayrollQuery = Type.Object(
  {
    companyId,
    month: Type.String({ maxLength: 20, description: 'YYYY-MM' }),
    departmentId,
    format: format('csv | xlsx'),
  },
  { additionalProperties: false },
);

export const CompanyQuery = Type.Object({ companyId }, { additionalProperties: false });

export const PayrollMappingBody = Type.Object(
  {
    columns: Type.Array(
      Type.Object(
        {
          header: Type.String({ minLength: 1, maxLength: 64, pattern: '\\S' }),
          field: Type.String({ minLength: 1, maxLength: 100 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);
export type PayrollMappingBodyT = Static<typeof PayrollMappingBody>;

export const PayrollMappingDto = Type.Object({
  companyId: Type.Integer(),
  isDefault: Type.Boolean(),
  columns: Type.Array(Type.Object({ header: Type.String(), field: Type.String() })),
  fields: Type.Array(Type.String(), { description: 'Fields a column may use' }),
});
