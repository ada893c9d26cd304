export interface User {
  id: number;
  name: string;
}

export type Id = number;

export async function fetchUser(id: number, retries: number = 3): Promise<User> {
  const response = await fetch(`/users/${id}`);
  if (!response.ok) {
    throw new Error("not found");
  }
  return response.json();
}

export class UserCache {
  private users = new Map<number, User>();

  set(user: User): void {
    this.users.set(user.id, user);
  }
}
