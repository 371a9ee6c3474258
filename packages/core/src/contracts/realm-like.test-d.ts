// Compile-time proof that real realm@12 types fit the structural subset the library is written
// against. `import type` only: realm's native binary never loads in this repository.
import type Realm from "realm";
import type {
  CanonicalObjectSchemaLike,
  ObjectSchemaLike,
  RealmLike,
  RealmObjectLike,
  ResultsLike,
  SyncSessionLike,
} from "./realm-like.js";

type Assert<T extends true> = T;
type IsAssignable<From, To> = [From] extends [To] ? true : false;

export type RealmFitsRealmLike = Assert<IsAssignable<Realm, RealmLike>>;
export type SessionFitsSyncSessionLike = Assert<IsAssignable<Realm.App.Sync.Session, SyncSessionLike>>;
export type ResultsFitResultsLike = Assert<
  IsAssignable<Realm.Results<Realm.Object & Record<string, unknown>>, ResultsLike<RealmObjectLike>>
>;
export type ObjectFitsRealmObjectLike = Assert<
  IsAssignable<Realm.Object & Record<string, unknown>, RealmObjectLike>
>;
export type CanonicalSchemaFits = Assert<
  IsAssignable<Realm.CanonicalObjectSchema, CanonicalObjectSchemaLike>
>;
export type UserSchemaFitsRealm = Assert<IsAssignable<ObjectSchemaLike, Realm.ObjectSchema>>;
