import { HttpStatus } from '@nestjs/common';
import { IsString, MaxLength, ValidateNested, IsArray } from 'class-validator';
import { Type } from 'class-transformer';
import { toErrorBody } from './http-errors.filter.js';
import { fieldProblem, problemException } from './problem.js';
import { validateAs } from './validation.js';

class Demand {
  @IsString() @MaxLength(5) kind!: string;
}
class Body {
  @IsString() @MaxLength(10) title!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => Demand) demands!: Demand[];
}

async function refusal(value: unknown) {
  try {
    await validateAs(Body, value);
  } catch (error) {
    return toErrorBody(error);
  }
  throw new Error('accepted');
}

describe('problems', () => {
  it('names each refused field by its path, with a code per constraint and its arguments (from the metadata), beside the English message', async () => {
    const body = await refusal({ title: 'far too long a title', demands: [{ kind: 'remove' }], extra: 1 });
    expect(body.statusCode).toBe(400);
    expect(body.problems).toEqual([
      { field: 'extra', code: 'validation.whitelistValidation', message: 'extra is not an accepted field' },
      { field: 'title', code: 'validation.maxLength', values: { max: 10 }, message: 'title must be shorter than or equal to 10 characters' },
      { field: 'demands.0.kind', code: 'validation.maxLength', values: { max: 5 }, message: 'demands.0.kind must be shorter than or equal to 5 characters' },
    ]);
    expect(body.message).toEqual(body.problems!.map((problem) => problem.message));
  });

  it('keeps one message for a lone problem of another status, as the API always answered', () => {
    const body = toErrorBody(problemException(HttpStatus.CONFLICT, [{ code: 'incident.onHold', message: 'INC-1 is under legal hold', values: { ref: 'INC-1' } }]));
    expect(body).toEqual({ statusCode: 409, error: 'Conflict', message: 'INC-1 is under legal hold', problems: [{ code: 'incident.onHold', message: 'INC-1 is under legal hold', values: { ref: 'INC-1' } }] });
    expect(toErrorBody(problemException(HttpStatus.BAD_REQUEST, [fieldProblem('at', 'validation.notInFuture', 'at must not be in the future')])).message).toEqual(['at must not be in the future']);
  });
});

describe('validation problems of a field left out', () => {
  it('says the field is required, whatever its first rule', async () => {
    const body = await refusal({ demands: [] });
    expect(body.problems).toEqual([{ field: 'title', code: 'validation.isDefined', message: 'title must be a string' }]);
  });
});
