import { HttpStatus } from '@nestjs/common';
import { badRequest, fieldProblem, refusal } from './problem.js';

/** The refusals of a multipart upload (evidence files, WXR exports), each naming the field `file`. */
export const uploadProblems = {
  notMultipart: (fields: string) => badRequest(fieldProblem('file', 'upload.notMultipart', `send multipart/form-data with ${fields}`)),
  oneFile: (got: string) => badRequest(fieldProblem('file', 'upload.oneFile', `send one file, in the field "file" (got another in "${got}")`)),
  tooLarge: (limit: number) => refusal(HttpStatus.PAYLOAD_TOO_LARGE, 'upload.tooLarge', `file is larger than the upload limit of ${limit} bytes`, { field: 'file', values: { limit } }),
  required: () => badRequest(fieldProblem('file', 'upload.fileRequired', 'file is required')),
};
