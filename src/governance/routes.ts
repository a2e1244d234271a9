// Governing boards' handlers (the routes and shapes are in contract.ts). Access is checked in the verbs.
import { newRouter } from '../http.ts';
import { boardDetail, createBoard, editBoard, listBoards, setPanel, setSuccession } from './boards.ts';
import { catalogue, putCourse, putSkill } from './catalogue.ts';
import {
  addMemberRoute,
  addTrainingRoute,
  boardRoute,
  catalogueRoute,
  createBoardRoute,
  editBoardRoute,
  editMemberRoute,
  listBoardsRoute,
  putCourseRoute,
  putSkillRoute,
  setPanelRoute,
  setSuccessionRoute,
} from './contract.ts';
import { addMember, addTraining, editMember } from './members.ts';

export const governanceRoutes = newRouter()
  .openapi(listBoardsRoute, async (c) => c.json(await listBoards(c.var.context, c.req.valid('query')), 200))
  .openapi(createBoardRoute, async (c) => c.json(await createBoard(c.var.context, c.req.valid('json')), 201))
  .openapi(boardRoute, async (c) => c.json(await boardDetail(c.var.context, c.req.valid('param').code), 200))
  .openapi(editBoardRoute, async (c) =>
    c.json(await editBoard(c.var.context, c.req.valid('param').code, c.req.valid('json')), 200),
  )
  .openapi(addMemberRoute, async (c) =>
    c.json(await addMember(c.var.context, c.req.valid('param').code, c.req.valid('json')), 201),
  )
  .openapi(editMemberRoute, async (c) =>
    c.json(await editMember(c.var.context, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(addTrainingRoute, async (c) =>
    c.json(await addTraining(c.var.context, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(setSuccessionRoute, async (c) =>
    c.json(await setSuccession(c.var.context, c.req.valid('param').code, c.req.valid('json')), 200),
  )
  .openapi(setPanelRoute, async (c) => {
    const { code, round } = c.req.valid('param');
    return c.json(await setPanel(c.var.context, code, round, c.req.valid('json')), 200);
  })
  .openapi(catalogueRoute, async (c) => c.json(await catalogue(c.var.context), 200))
  .openapi(putSkillRoute, async (c) =>
    c.json(await putSkill(c.var.context, c.req.valid('param').code, c.req.valid('json')), 200),
  )
  .openapi(putCourseRoute, async (c) =>
    c.json(await putCourse(c.var.context, c.req.valid('param').code, c.req.valid('json')), 200),
  );
