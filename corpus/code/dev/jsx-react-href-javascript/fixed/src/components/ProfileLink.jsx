export function ProfileLink({ user }) {
  const website = /^https?:\/\//i.test(user.website) ? user.website : "#";
  return (
    <a href={website} rel="noopener noreferrer">
      {user.name}
    </a>
  );
}
